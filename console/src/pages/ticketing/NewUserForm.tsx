import { useState } from 'react';
import { ticketingApi, type NewUser } from '../../api/ticketing.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Panel } from '../../ui/Panel.tsx';
import { AnswerLine } from './AnswerLine.tsx';
import { useSubmit } from './useSubmit.ts';

/** A made-up buyer, different each time, so that one click makes a user to reserve with. */
function someone(): NewUser {
  const n = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  return {
    tipo_documento: 'DNI',
    nro_documento: n,
    nombre: 'Test',
    apellido: `Buyer ${n}`,
    email: `buyer${n}@example.test`,
  };
}

/** POST /api/usuarios, prefilled with a made-up person (nothing personal is needed to try things). */
export function NewUserForm({ onCreated }: { readonly onCreated: (usuarioId: string) => void }) {
  const [fields, setFields] = useState<NewUser>(someone);
  const set = (name: 'nombre' | 'apellido' | 'email' | 'nro_documento') => (event: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [name]: event.target.value }));
  const submit = useSubmit(
    () => ticketingApi.createUser(fields),
    (answer) => {
      if (answer.status !== 201 || answer.body.usuario_id === undefined) return;
      onCreated(answer.body.usuario_id);
      setFields(someone());
    },
  );
  return (
    <Panel title="New user" className="ticketing-form">
      <form className="form" onSubmit={submit.onSubmit} aria-label="Create a user">
        <div className="pair">
          <label>
            Given name <input name="nombre" required value={fields.nombre} onChange={set('nombre')} />
          </label>
          <label>
            Surname <input name="apellido" required value={fields.apellido} onChange={set('apellido')} />
          </label>
        </div>
        <label>
          Email <input name="email" type="email" required value={fields.email} onChange={set('email')} />
        </label>
        <label>
          Document (DNI)
          <input name="nro_documento" required value={fields.nro_documento} onChange={set('nro_documento')} />
        </label>
        <button type="submit" className="primary" disabled={submit.busy}>
          Create user
        </button>
      </form>
      <AnswerLine
        answer={submit.answer}
        created={(a) => `user ${a.body.usuario_id ?? ''} (now the Reserve form's user)`}
      />
      <Notice>{submit.error}</Notice>
    </Panel>
  );
}
