/**
 * Every callback_id, block_id and action_id the bot uses, in one place, so a handler and the view
 * it answers can never drift apart. One section per feature.
 */

// ── Nudges ──────────────────────────────────────────────────────────────────────────────────
/** Buttons in deadline nudges that open the pledge or report modal; values from nudgeButtonValue (src/views/nudges.ts). */
export const NUDGE_OPEN_PLEDGE = 'nudge_open_pledge';
export const NUDGE_OPEN_REPORT = 'nudge_open_report';
export const NUDGE_ACTIONS_BLOCK = 'nudge_actions';
