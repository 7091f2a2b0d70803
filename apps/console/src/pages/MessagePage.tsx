import { ErrorBox } from '../components/ErrorBox';
import { Link } from '../components/Link';
import { StatusBadge } from '../components/StatusBadge';
import { Time } from '../components/Time';
import { MessageActions } from '../messages/MessageActions';
import { StepDiagram } from '../messages/StepDiagram';
import { Timeline } from '../messages/Timeline';
import { useSession } from '../session';
import { usePolling } from '../use-polling';

/** One message: what it is, its steps as a diagram, the actions, and its whole history; live. */
export function MessagePage({ id }: { id: string }) {
  const { api } = useSession();
  const view = usePolling(async () => {
    const [message, history] = await Promise.all([api.getMessage(id), api.messageEvents(id)]);
    return { message, events: history.events };
  }, 2000, [api, id]);
  if (!view.data) return <ErrorBox error={view.error} />;
  const { message, events } = view.data;
  return (
    <section>
      <div className="page-head">
        <Link to="/">Messages</Link>
        <span className="muted">/</span>
        <h1 className="mono">{message.id}</h1>
        <StatusBadge status={message.status} />
        <span className="spacer" />
        <MessageActions message={message} onChanged={view.reload} />
      </div>
      <ErrorBox error={view.error} />
      <dl className="facts">
        <dt>Saga</dt>
        <dd>
          {message.saga} v{message.sagaVersion}
        </dd>
        <dt>Type</dt>
        <dd>{message.type}</dd>
        <dt>Correlation</dt>
        <dd className="mono">{message.correlationId ?? '-'}</dd>
        <dt>Run</dt>
        <dd className="mono">{message.runId}</dd>
        <dt>Accepted</dt>
        <dd>
          <Time iso={message.createdAt} />
        </dd>
        <dt>Updated</dt>
        <dd>
          <Time iso={message.updatedAt} />
        </dd>
      </dl>
      <h2>Steps</h2>
      <StepDiagram message={message} events={events} />
      <details>
        <summary>Payload</summary>
        <pre className="json">{JSON.stringify(message.payload, null, 2)}</pre>
      </details>
      <h2>Timeline ({events.length} events)</h2>
      <Timeline events={events} />
    </section>
  );
}
