import type { Store } from '../../../db/store';
import type { Clock } from '../../clock';
import type { UploadSource } from '../../delivery/message';
import type { UploadRenderers } from '../../delivery/uploads';
import { LOCALES } from '../../i18n/messages';
import { parseDecision, parseOpening } from '../../standings/deliberation-record';
import { provinceProposalsXlsx } from '../../standings/province-proposals';
import { yearStandingsFor } from '../../standings/year';
import { minutesDocx, proposalDocx } from '../../standings/year-end-documents';
import { unitYearChartPng } from '../../standings/year-files';
import { loadedOrganisation, sourceNumber } from '../standings/renderers';
import { provinceYearEnd } from './province';

/**
 * The files the delivery builds for the year end: `unit_year_chart` { unitId, year, locale } — a unit's
 * periods as they stand when the file is sent, in the asker's language; `year_end_minutes` and `year_end_proposal`
 * { deliberationId } — the documents of a closed deliberation, from its frozen record;
 * `year_end_proposals_xlsx` { year } — every block's proposals as they stand when the file is sent.
 */
export function yearEndRenderers(store: Store, clock: Clock): UploadRenderers {
  const settings = () => loadedOrganisation(store);
  const closed = (source: UploadSource) => {
    const row = store.deliberations.byId(sourceNumber(source, 'deliberationId'));
    const opening = row ? parseOpening(row.opening) : undefined;
    const decision = row ? parseDecision(row.decision) : undefined;
    if (!opening || !decision) throw new Error(`deliberation ${String(source.deliberationId)} is missing or not closed`);
    const { name, timeZone } = settings();
    return { context: { organisation: name, zone: timeZone }, opening, decision };
  };
  return {
    unit_year_chart: (source) => {
      const [unitId, year] = [sourceNumber(source, 'unitId'), sourceNumber(source, 'year')];
      const block = store.structure.blockOfUnitInYear(year, unitId);
      const loaded = block ? yearStandingsFor(store, block.id, year, clock.now()) : undefined;
      if (!loaded) throw new Error(`unit ${unitId} has no block with periods in ${year}`);
      // Queued before the chart spoke the asker's language, a source may carry none: the organisation's then.
      const locale = LOCALES.find((candidate) => candidate === source.locale) ?? settings().locale;
      return unitYearChartPng(loaded.record, unitId, locale);
    },
    year_end_minutes: (source) => {
      const { context, opening, decision } = closed(source);
      return minutesDocx(context, opening, decision);
    },
    year_end_proposal: (source) => {
      const { context, opening, decision } = closed(source);
      return proposalDocx(context, opening, decision);
    },
    year_end_proposals_xlsx: (source) => {
      const year = sourceNumber(source, 'year');
      const { locale, timeZone } = settings();
      return provinceProposalsXlsx(year, provinceYearEnd(store, year), clock.now(), timeZone, locale);
    },
  };
}
