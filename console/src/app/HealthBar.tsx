import { fetchHealth, type ServiceHealth } from '../api/health.ts';
import { usePolling } from '../hooks/usePolling.ts';

/** The platform's health from the gateway (GET /health): overall, then each service. */
export function HealthBar() {
  const { data: health, error } = usePolling(fetchHealth, 5000, []);
  if (health === undefined) {
    return <div className="health">{error === undefined ? 'checking health…' : `gateway unreachable: ${error}`}</div>;
  }
  const overall = error === undefined ? health.status : 'unreachable';
  return (
    <div className="health" aria-label="Platform health">
      <span className={`pill pill-${overall}`} title={`checked ${health.checkedAt}`}>
        {overall === 'ok' ? 'all up' : overall}
      </span>
      <span className="muted">{health.mode}</span>
      <ul className="services">
        {health.services.map((service) => (
          <ServiceChip key={service.name} service={service} />
        ))}
      </ul>
    </div>
  );
}

function ServiceChip({ service }: { readonly service: ServiceHealth }) {
  const details = service.dependencies.map((d) => `${d.name}: ${d.status} — ${d.detail}`).join('\n');
  return (
    <li className={`chip chip-${service.status}`} title={details || 'no dependencies'} data-service={service.name}>
      <span className="dot" aria-hidden />
      {service.name}
      <span className="chip-status">{service.status}</span>
    </li>
  );
}
