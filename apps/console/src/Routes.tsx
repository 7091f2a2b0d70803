import { MessagePage } from './pages/MessagePage';
import { MessagesPage } from './pages/MessagesPage';
import { OperationsPage } from './pages/OperationsPage';
import { SagasPage } from './pages/SagasPage';
import { StatsPage } from './pages/StatsPage';
import { SubscriptionsPage } from './pages/SubscriptionsPage';
import { useLocation } from './router';

/** The console's pages by path under /admin; anything unknown shows the messages. */
export function Routes() {
  const { path, search } = useLocation();
  const message = /^\/messages\/(.+)$/.exec(path);
  if (message) return <MessagePage id={decodeURIComponent(message[1])} />;
  if (path.startsWith('/operations')) return <OperationsPage search={search} />;
  if (path.startsWith('/subscriptions')) return <SubscriptionsPage />;
  if (path.startsWith('/sagas')) return <SagasPage />;
  if (path.startsWith('/stats')) return <StatsPage search={search} />;
  return <MessagesPage search={search} />;
}
