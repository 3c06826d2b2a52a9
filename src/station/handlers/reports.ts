import type { StationHandlers } from '../../contract/station-api';
import type { StationContext } from '../context';
import { hallCall } from './online';

/**
 * The hall's reports, read through the hall server (online only: the hall counts them, within the
 * signed-in person's scope). Files come back base64 for the page to save: the same over IPC and
 * over the web host.
 */
export function reportsHandlers(ctx: StationContext): Pick<StationHandlers, 'reports.read' | 'reports.summary' | 'reports.channels' | 'reports.export'> {
  const online = hallCall(ctx);
  const endpointOf = { queue: 'queueReport', cases: 'casesReport', evaluations: 'evaluationsReport' } as const;

  return {
    async 'reports.read'({ kind, ...query }) {
      return online((hall) => hall.call(endpointOf[kind], { query: { ...query, format: 'json' } }));
    },
    async 'reports.summary'(args) {
      return online((hall) => hall.call('reportSummary', { query: { ...args, format: 'json' } }));
    },
    async 'reports.channels'() {
      return online((hall) => hall.call('channelFigures', {}));
    },
    async 'reports.export'(args) {
      const file = await online((hall) => {
        if (args.kind === 'summary') return hall.download('reportSummary', { query: { period: args.period, date: args.date, format: 'xlsx' } });
        const { kind, ...query } = args;
        return hall.download(endpointOf[kind], { query });
      });
      return { fileName: file.fileName, mime: file.type, base64: Buffer.from(file.bytes).toString('base64') };
    },
  };
}
