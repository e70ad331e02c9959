/** The shared protocol as vscode-languageclient message types. */
import { NotificationType } from 'vscode-languageclient/node';
import { Notifications, type PullLimitParams, type SetTrustedParams, type StatusParams } from '../../shared/protocol';

export { PIN_ALL_KIND, PROJECT_CONFIG_FILE, ServerCommands, type InitializationOptions, type StatusParams } from '../../shared/protocol';
export type { PullLimitParams, UpdateDigestsParams, UpdateDigestsResult } from '../../shared/protocol';

export const StatusNotification = new NotificationType<StatusParams>(Notifications.status);
export const SetTrustedNotification = new NotificationType<SetTrustedParams>(Notifications.setTrusted);
export const PullLimitNotification = new NotificationType<PullLimitParams>(Notifications.pullLimit);
