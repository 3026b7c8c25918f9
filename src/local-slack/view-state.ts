/**
 * A modal's inputs and the `state.values` Slack would send when it is submitted: every input starts
 * from its initial value (as in Slack, a pre-filled field is submitted unless changed), then the
 * given answers replace them. Used by the tests' "fill and submit" and the console's prompts.
 */
type Json = Record<string, unknown>;

export interface Choice {
  text: string;
  value: string;
}

export interface ModalInput {
  blockId: string;
  actionId: string;
  label: string;
  hint?: string;
  optional: boolean;
  type: string;
  choices: Choice[];
  /** The element's initial value as an answer (text, option values, or a date). */
  initial: Answer | undefined;
}

/**
 * Text for text/number/date inputs, option values for selects/checkboxes/radios, a user id for user
 * selects, file names for a file input (each uploaded as the local Slack records it).
 */
export type Answer = string | string[];

const textOf = (text: unknown) => (text && typeof text === 'object' ? String((text as Json).text ?? '') : '');

export function inputsOf(view: Json): ModalInput[] {
  const blocks = Array.isArray(view.blocks) ? (view.blocks as Json[]) : [];
  return blocks
    .filter((block) => block.type === 'input' && block.element)
    .map((block, index) => {
      const element = block.element as Json;
      // A select's options, or those of its groups (option_groups), in order.
      const groups = Array.isArray(element.option_groups) ? (element.option_groups as Json[]) : [];
      const options = Array.isArray(element.options)
        ? (element.options as Json[])
        : groups.flatMap((group) => (Array.isArray(group.options) ? (group.options as Json[]) : []));
      const choices = options.map((option) => ({ text: textOf(option.text), value: String(option.value) }));
      const hint = textOf(block.hint);
      return {
        blockId: String(block.block_id ?? `input_${index}`),
        actionId: String(element.action_id ?? `action_${index}`),
        label: textOf(block.label),
        ...(hint ? { hint } : {}),
        optional: block.optional === true,
        type: String(element.type),
        choices,
        initial: initialAnswer(element),
      };
    });
}

function initialAnswer(element: Json): Answer | undefined {
  switch (element.type) {
    case 'plain_text_input':
    case 'number_input':
    case 'url_text_input':
    case 'email_text_input':
      return typeof element.initial_value === 'string' ? element.initial_value : undefined;
    case 'static_select':
    case 'radio_buttons':
      return element.initial_option ? String((element.initial_option as Json).value) : undefined;
    case 'checkboxes':
    case 'multi_static_select':
      return Array.isArray(element.initial_options) ? (element.initial_options as Json[]).map((option) => String(option.value)) : undefined;
    case 'datepicker':
      return typeof element.initial_date === 'string' ? element.initial_date : undefined;
    case 'timepicker':
      return typeof element.initial_time === 'string' ? element.initial_time : undefined;
    case 'users_select':
      return typeof element.initial_user === 'string' ? element.initial_user : undefined;
    default:
      return undefined;
  }
}

/**
 * The `state.values` for `view` with `answers` keyed by block_id (or action_id). An answer of
 * '' or [] clears the field. `upload` turns a file input's file name into the file Slack would
 * send (LocalSlack.uploadInForm).
 */
export function stateValuesFor(
  view: Json,
  answers: Record<string, Answer | undefined> = {},
  upload?: (name: string) => Json,
): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  for (const input of inputsOf(view)) {
    const answer = answers[input.blockId] ?? answers[input.actionId] ?? input.initial;
    values[input.blockId] = { [input.actionId]: elementState(input, answer, upload) };
  }
  return values;
}

function elementState(input: ModalInput, answer: Answer | undefined, upload: ((name: string) => Json) | undefined): Json {
  const option = (value: string) => {
    const choice = input.choices.find((candidate) => candidate.value === value);
    if (!choice)
      throw new Error(`"${value}" is not an option of ${input.blockId} (${input.choices.map((candidate) => candidate.value).join(', ')})`);
    return { text: { type: 'plain_text', text: choice.text }, value: choice.value };
  };
  const list = answer === undefined ? [] : Array.isArray(answer) ? answer : answer === '' ? [] : [answer];
  switch (input.type) {
    case 'static_select':
    case 'radio_buttons':
      return { type: input.type, selected_option: list[0] !== undefined ? option(list[0]) : null };
    case 'checkboxes':
    case 'multi_static_select':
      return { type: input.type, selected_options: list.map(option) };
    case 'datepicker':
      return { type: input.type, selected_date: list[0] ?? null };
    case 'timepicker':
      return { type: input.type, selected_time: list[0] ?? null };
    case 'users_select':
      return { type: input.type, selected_user: list[0] ?? null };
    case 'file_input':
      if (list.length && !upload) throw new Error(`${input.blockId}: files need the local Slack to upload them`);
      return { type: input.type, files: list.map((name) => upload!(name)) };
    default:
      return { type: input.type, value: list.length ? list.join('\n') : null };
  }
}
