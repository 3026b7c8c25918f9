import type { Store } from '../../../db/store';
import type { OrganisationSettings } from '../../../db/store/organisation';
import type { Clock } from '../../clock';
import type { UploadSource } from '../../delivery/message';
import type { UploadRenderers } from '../../delivery/uploads';
import { standingsChartPng, standingsXlsx } from '../../standings/files';
import { standingsFor } from '../../standings/load';
import { parseStandingsRecord } from '../../standings/record';

/**
 * The files the delivery builds for standings: `standings_chart` { snapshotId } — the chart of what
 * was published, from its snapshot; `standings_xlsx` { blockId, periodId } — the score table as it
 * stands when the file is sent (seconds after the button was pressed).
 */
/** A number the queued upload's source carries (an id, a year); a source without it is a defect, said as such. */
export function sourceNumber(source: UploadSource, name: string): number {
  const value = source[name];
  if (typeof value !== 'number') throw new Error(`upload source ${source.kind}: ${name} is not a number`);
  return value;
}

/** The organisation a file is built for; none loaded while an upload is queued is a defect. */
export function loadedOrganisation(store: Store): OrganisationSettings {
  const settings = store.organisation.get();
  if (!settings) throw new Error('no organisation loaded');
  return settings;
}

export function standingsRenderers(store: Store, clock: Clock): UploadRenderers {
  const organisation = () => loadedOrganisation(store);
  return {
    standings_chart: (source) => {
      const snapshotId = sourceNumber(source, 'snapshotId');
      const record = parseStandingsRecord(store.snapshots.byId(snapshotId)?.data);
      if (!record) throw new Error(`standings snapshot ${snapshotId} is missing or unreadable`);
      const { locale, timeZone } = organisation();
      return standingsChartPng(record, locale, timeZone);
    },
    standings_xlsx: (source) => {
      const loaded = standingsFor(store, sourceNumber(source, 'blockId'), sourceNumber(source, 'periodId'));
      if (!loaded)
        throw new Error(`standings of block ${String(source.blockId)}, period ${String(source.periodId)}: no such block or period`);
      const { locale, timeZone } = organisation();
      return standingsXlsx(loaded, locale, timeZone, clock.now());
    },
  };
}
