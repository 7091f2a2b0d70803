import { useState } from 'react';
import type { Message } from '../api/api-types';
import { GuardedButton } from '../components/GuardedButton';
import { ActionDialog } from './ActionDialog';
import { MESSAGE_ACTIONS, statusBlocks, type MessageAction } from './message-actions';

/**
 * Retract, cancel, undo and replay. A viewer sees them disabled (the tooltip says why); for an
 * operator they stay enabled whatever the status (the tooltip hints), since the server decides and
 * its refusal is shown as it words it.
 */
export function MessageActions({ message, onChanged }: { message: Message; onChanged: () => void }) {
  const [open, setOpen] = useState<MessageAction | null>(null);
  return (
    <div className="actions">
      {MESSAGE_ACTIONS.map((action) => (
        <GuardedButton key={action} kind={action === 'replay' ? 'primary' : 'plain'} hint={statusBlocks(action, message)} onClick={() => setOpen(action)}>
          {action[0].toUpperCase() + action.slice(1)}…
        </GuardedButton>
      ))}
      {open && (
        <ActionDialog
          action={open}
          message={message}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            onChanged();
          }}
        />
      )}
    </div>
  );
}
