import type { Store } from '../../../db/store';
import type { Clock } from '../../clock';
import type { UploadSource } from '../../delivery/message';
import type { UploadRenderers } from '../../delivery/uploads';
import { yearStandingsFor } from '../../standings/year';
import { unitYearChartPng } from '../../standings/year-files';

/**
 * The files the delivery builds for the year end: `unit_year_chart` { unitId, year } — a unit's
 * periods as they stand when the file is sent.
 */
export function yearEndRenderers(store: Store, clock: Clock): UploadRenderers {
  const locale = () => {
    const settings = store.organisation.get();
    if (!settings) throw new Error('no organisation loaded');
    return settings.locale;
  };
  const id = (source: UploadSource, name: string) => {
    const value = source[name];
    if (typeof value !== 'number') throw new Error(`upload source ${source.kind}: ${name} is not a number`);
    return value;
  };
  return {
    unit_year_chart: (source) => {
      const [unitId, year] = [id(source, 'unitId'), id(source, 'year')];
      const block = store.structure.blockOfUnitInYear(year, unitId);
      const loaded = block ? yearStandingsFor(store, block.id, year, clock.now()) : undefined;
      if (!loaded) throw new Error(`unit ${unitId} has no block with periods in ${year}`);
      return unitYearChartPng(loaded.record, unitId, locale());
    },
  };
}
