import { reservaStates, statusText, type HttpAnswer, type ReservaEstado } from '../../api/ticketing.ts';
import { shortId } from '../../ui/format.ts';

/**
 * A write's answer, plainly: its status, the problem's code and detail when it is one, and the
 * reservation it names (a button that opens it) when there is one.
 */
export function AnswerLine(props: {
  readonly answer: HttpAnswer | undefined;
  /** What a 2xx created, in words ("event “Hamlet”"). */
  readonly created?: (answer: HttpAnswer) => string;
  readonly onReservation?: (reservaId: string) => void;
}) {
  const { answer } = props;
  if (answer === undefined) return null;
  const ok = answer.status < 300;
  const { body } = answer;
  const estado = body.estado as ReservaEstado | undefined;
  return (
    <p className={`notice notice-${ok ? 'ok' : 'error'} answer`} role="status" data-status={answer.status}>
      <strong>{statusText(answer.status)}</strong>
      {body.code === undefined ? null : <code> {body.code}</code>}
      {ok ? ` ${props.created?.(answer) ?? ''}` : `: ${body.detail ?? body.title ?? ''}`}
      {body.reserva_id === undefined ? null : (
        <>
          {' '}
          — reservation{' '}
          <button
            type="button"
            className="link-button mono"
            data-reserva-id={body.reserva_id}
            onClick={() => body.reserva_id !== undefined && props.onReservation?.(body.reserva_id)}
          >
            {shortId(body.reserva_id)}
          </button>
          {estado === undefined || !(estado in reservaStates) ? '' : ` ${reservaStates[estado].label.toLowerCase()}`}
        </>
      )}
    </p>
  );
}
