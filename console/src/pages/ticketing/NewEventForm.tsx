import { useState } from 'react';
import { ticketingApi, ticketingCurrency } from '../../api/ticketing.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Panel } from '../../ui/Panel.tsx';
import { AnswerLine } from './AnswerLine.tsx';
import { useSubmit } from './useSubmit.ts';

/** A month from now at 20:00, as a datetime-local input wants it (local time, no zone). */
function inAMonth(): string {
  const at = new Date(Date.now() + 30 * 86_400_000);
  at.setHours(20, 0, 0, 0);
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

const initial = () => ({ nombre: '', fecha: inAMonth(), lugar: '', aforo_total: '100', precio: '25' });
type Fields = ReturnType<typeof initial>;

/** POST /api/eventos: an event and its seats; the answer as it came. */
export function NewEventForm({ onCreated }: { readonly onCreated: (eventoId: string) => void }) {
  const [fields, setFields] = useState<Fields>(initial);
  const set = (name: keyof Fields) => (event: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [name]: event.target.value }));
  const submit = useSubmit(
    () =>
      ticketingApi.createEvent({
        nombre: fields.nombre,
        fecha: new Date(fields.fecha).toISOString(),
        lugar: fields.lugar,
        aforo_total: Number(fields.aforo_total),
        precio: Number(fields.precio),
      }),
    (answer) => {
      if (answer.status === 201 && answer.body.evento_id !== undefined) onCreated(answer.body.evento_id);
    },
  );
  return (
    <Panel title="New event" className="ticketing-form">
      <form className="form" onSubmit={submit.onSubmit} aria-label="Create an event">
        <label>
          Name <input name="nombre" required maxLength={200} value={fields.nombre} onChange={set('nombre')} />
        </label>
        <label>
          Date <input name="fecha" type="datetime-local" required value={fields.fecha} onChange={set('fecha')} />
        </label>
        <label>
          Venue <input name="lugar" required maxLength={200} value={fields.lugar} onChange={set('lugar')} />
        </label>
        <div className="pair">
          <label>
            Capacity
            <input
              name="aforo_total"
              type="number"
              min={1}
              max={1_000_000}
              required
              value={fields.aforo_total}
              onChange={set('aforo_total')}
            />
          </label>
          <label>
            Price ({ticketingCurrency})
            <input
              name="precio"
              type="number"
              min={0}
              step="0.01"
              required
              value={fields.precio}
              onChange={set('precio')}
            />
          </label>
        </div>
        <button type="submit" className="primary" disabled={submit.busy}>
          Create event
        </button>
      </form>
      <AnswerLine answer={submit.answer} created={(a) => `event “${a.body.nombre ?? ''}”`} />
      <Notice>{submit.error}</Notice>
    </Panel>
  );
}
