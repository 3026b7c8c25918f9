/**
 * A unit's ballot in the block's year-end vote, and what it adds to the tallies. Pure.
 *
 * The ballot is secret: what is stored is the tallies and which units voted, never a unit's choice.
 * To let a unit change its ballot, its ballot is kept only sealed with a code that the unit alone
 * holds (src/services/year-end/ballot-seal.ts); the sealed text is as long whatever was chosen
 * (encodeBallot writes a fixed-width line), and it is deleted when the vote closes.
 */
export type Answer = 'agree' | 'disagree';

/** A proposal on the ballot: which title (its index in the rules) for which unit. */
export interface BallotProposal {
  titleIndex: number;
  unitId: number;
}

/** What a ballot is about: the proposals in list order and the member units (lead and deputy are chosen among them). */
export interface BallotLayout {
  proposals: readonly BallotProposal[];
  members: readonly number[];
}

export interface Ballot {
  /** One answer per proposal, in the layout's order. */
  answers: Answer[];
  lead: number;
  deputy: number;
}

export const proposalKey = (proposal: BallotProposal) => `${proposal.titleIndex}:${proposal.unitId}`;

/** One count a ballot adds to (or, changed, takes from): a proposal's agree/disagree, a unit's vote for lead or deputy. */
export interface TallyKey {
  subject: string;
  option: string;
}

export const proposalSubject = (proposal: BallotProposal) => `proposal:${proposalKey(proposal)}`;
export const LEAD_SUBJECT = 'lead';
export const DEPUTY_SUBJECT = 'deputy';

export function tallyKeys(ballot: Ballot, layout: BallotLayout): TallyKey[] {
  return [
    ...layout.proposals.map((proposal, index) => ({ subject: proposalSubject(proposal), option: ballot.answers[index]! })),
    { subject: LEAD_SUBJECT, option: String(ballot.lead) },
    { subject: DEPUTY_SUBJECT, option: String(ballot.deputy) },
  ];
}

/**
 * Every count a vote on this layout can reach. They are all set up (at zero) when the vote opens, so
 * that the order in which counts first appear cannot tell what the first voters chose.
 */
export function everyTallyKey(layout: BallotLayout): TallyKey[] {
  const answers: Answer[] = ['agree', 'disagree'];
  return [
    ...layout.proposals.flatMap((proposal) => answers.map((option) => ({ subject: proposalSubject(proposal), option }))),
    ...[LEAD_SUBJECT, DEPUTY_SUBJECT].flatMap((subject) => layout.members.map((unitId) => ({ subject, option: String(unitId) }))),
  ];
}

export type BallotProblem =
  | { field: 'proposal'; index: number; kind: 'missing' }
  | { field: 'lead' | 'deputy'; kind: 'missing' | 'not_member' }
  | { field: 'deputy'; kind: 'same_as_lead' };

/** A ballot from what the form holds: an answer per proposal (by index), the lead and deputy as unit ids (text). */
export function readBallot(
  raw: { answers: readonly (string | undefined)[]; lead: string | undefined; deputy: string | undefined },
  layout: BallotLayout,
): { ok: true; ballot: Ballot } | { ok: false; problems: BallotProblem[] } {
  const problems: BallotProblem[] = [];
  const answers = layout.proposals.map((_, index): Answer => {
    const answer = raw.answers[index];
    if (answer !== 'agree' && answer !== 'disagree') problems.push({ field: 'proposal', index, kind: 'missing' });
    return answer === 'disagree' ? 'disagree' : 'agree';
  });
  const unit = (field: 'lead' | 'deputy', value: string | undefined): number | undefined => {
    if (value === undefined || value === '') {
      problems.push({ field, kind: 'missing' });
      return undefined;
    }
    const id = Number(value);
    if (!Number.isInteger(id) || !layout.members.includes(id)) {
      problems.push({ field, kind: 'not_member' });
      return undefined;
    }
    return id;
  };
  const lead = unit('lead', raw.lead);
  const deputy = unit('deputy', raw.deputy);
  if (lead !== undefined && lead === deputy) problems.push({ field: 'deputy', kind: 'same_as_lead' });
  if (problems.length || lead === undefined || deputy === undefined) return { ok: false, problems };
  return { ok: true, ballot: { answers, lead, deputy } };
}

const WIDTH = 4;

/** The ballot as a fixed-width line (A/D per proposal, then the lead's and deputy's member positions): the same length whatever was chosen. */
export function encodeBallot(ballot: Ballot, layout: BallotLayout): string {
  const position = (unitId: number) => String(layout.members.indexOf(unitId)).padStart(WIDTH, '0');
  return `${ballot.answers.map((answer) => (answer === 'agree' ? 'A' : 'D')).join('')}|${position(ballot.lead)}|${position(ballot.deputy)}`;
}

/** The line encodeBallot wrote, read back against the same layout; undefined when it is not one. */
export function decodeBallot(line: string, layout: BallotLayout): Ballot | undefined {
  const [answers, lead, deputy] = line.split('|');
  if (answers === undefined || lead === undefined || deputy === undefined) return undefined;
  if (answers.length !== layout.proposals.length || !/^[AD]*$/.test(answers)) return undefined;
  const member = (text: string) => (/^\d+$/.test(text) ? layout.members[Number(text)] : undefined);
  const [leadId, deputyId] = [member(lead), member(deputy)];
  if (leadId === undefined || deputyId === undefined) return undefined;
  return { answers: [...answers].map((mark) => (mark === 'A' ? 'agree' : 'disagree')), lead: leadId, deputy: deputyId };
}
