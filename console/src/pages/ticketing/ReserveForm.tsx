import { useState } from 'react';
import { ticketingApi } from '../../api/ticketing.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Panel } from '../../ui/Panel.tsx';
import { AnswerLine } from './AnswerLine.tsx';
import { useSubmit } from './useSubmit.ts';

/**
 * POST /api/reservar. The answer shows plainly: 201 confirmed, 202 still pending, 402 declined,
 * 409 sold out (or the chain's refusals); the reservation it names opens below.
 */
export function ReserveForm(props: {
  readonly usuarioId: string;
  readonly eventoId: string;
  /** Users created on this page, offered in the user field. */
  readonly users: readonly string[];
  readonly onReservation: (eventoId: string, reservaId: string) => void;
}) {
  const [fields, setFields] = useState({ usuario_id: props.usuarioId, evento_id: props.eventoId, cantidad: '1' });
  // A newly selected event or created user fills its field; what was typed in the other stays.
  const [given, setGiven] = useState({ usuario_id: props.usuarioId, evento_id: props.eventoId });
  if (given.usuario_id !== props.usuarioId || given.evento_id !== props.eventoId) {
    setGiven({ usuario_id: props.usuarioId, evento_id: props.eventoId });
    setFields((f) => ({
      ...f,
      ...(given.usuario_id === props.usuarioId ? {} : { usuario_id: props.usuarioId }),
      ...(given.evento_id === props.eventoId ? {} : { evento_id: props.eventoId }),
    }));
  }
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [name]: event.target.value }));
  const request = {
    usuario_id: fields.usuario_id.trim(),
    evento_id: fields.evento_id.trim(),
    cantidad: Number(fields.cantidad),
  };
  const submit = useSubmit(
    () => ticketingApi.reserve(request),
    (answer) => {
      if (answer.body.reserva_id !== undefined) props.onReservation(request.evento_id, answer.body.reserva_id);
    },
  );
  return (
    <Panel title="Reserve" className="ticketing-form">
      <form className="form" onSubmit={submit.onSubmit} aria-label="Reserve tickets">
        <label>
          User id (usuario_id)
          <input
            name="usuario_id"
            required
            list="ticketing-users"
            value={fields.usuario_id}
            onChange={set('usuario_id')}
          />
          <datalist id="ticketing-users">
            {props.users.map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
        </label>
        <label>
          Event id (evento_id)
          <input name="evento_id" required value={fields.evento_id} onChange={set('evento_id')} />
        </label>
        <label>
          Tickets (cantidad)
          <input
            name="cantidad"
            type="number"
            min={1}
            max={100}
            required
            value={fields.cantidad}
            onChange={set('cantidad')}
          />
        </label>
        <button type="submit" className="primary" disabled={submit.busy}>
          Reserve
        </button>
      </form>
      <AnswerLine
        answer={submit.answer}
        onReservation={(reservaId) => props.onReservation(request.evento_id, reservaId)}
      />
      <Notice>{submit.error}</Notice>
    </Panel>
  );
}
