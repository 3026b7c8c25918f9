/**
 * What Slack refuses in Block Kit (../shared/docs/slack-contract.md), checked by the local Slack so
 * that a view or message that would fail in a real workspace fails in tests and in the console too.
 * Returns one line per problem, empty when the surface is acceptable.
 */
export type Surface = 'message' | 'modal' | 'home';

type Json = Record<string, unknown>;

const LIMITS = {
  blocks: { message: 50, modal: 100, home: 100 },
  sectionText: 3000,
  anyText: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  id: 255,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  choiceOptions: 10,
  overflowOptions: 5,
  modalTitle: 24,
  privateMetadata: 3000,
  inputMaxLength: 3000,
};

export function validateBlocks(blocks: unknown, surface: Surface): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  if (blocks.length > LIMITS.blocks[surface]) problems.push(`too many blocks: ${blocks.length} > ${LIMITS.blocks[surface]}`);
  const blockIds = new Set<string>();
  blocks.forEach((block: Json, index) => {
    const at = `blocks[${index}]`;
    if (typeof block !== 'object' || block === null || typeof block.type !== 'string') {
      problems.push(`${at}: not a block`);
      return;
    }
    if (typeof block.block_id === 'string') {
      if (block.block_id.length > LIMITS.id) problems.push(`${at}.block_id: longer than ${LIMITS.id}`);
      if (blockIds.has(block.block_id)) problems.push(`${at}.block_id: duplicate "${block.block_id}"`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'section':
        if (!block.text && !block.fields) problems.push(`${at}: a section needs text or fields`);
        checkText(block.text, LIMITS.sectionText, `${at}.text`, problems);
        if (Array.isArray(block.fields)) {
          if (block.fields.length > LIMITS.fields) problems.push(`${at}.fields: more than ${LIMITS.fields}`);
          block.fields.forEach((field: unknown, fieldIndex: number) => {
            checkText(field, LIMITS.fieldText, `${at}.fields[${fieldIndex}]`, problems);
          });
        }
        if (block.accessory) checkElement(block.accessory as Json, `${at}.accessory`, problems);
        break;
      case 'header':
        checkText(block.text, LIMITS.headerText, `${at}.text`, problems, true);
        break;
      case 'context':
        if (!Array.isArray(block.elements) || block.elements.length === 0) problems.push(`${at}.elements: required`);
        else if (block.elements.length > LIMITS.contextElements) problems.push(`${at}.elements: more than ${LIMITS.contextElements}`);
        else
          block.elements.forEach((element: Json, elementIndex: number) => {
            checkText(element, LIMITS.anyText, `${at}.elements[${elementIndex}]`, problems);
          });
        break;
      case 'actions':
        if (!Array.isArray(block.elements) || block.elements.length === 0) problems.push(`${at}.elements: required`);
        else if (block.elements.length > LIMITS.actionsElements) problems.push(`${at}.elements: more than ${LIMITS.actionsElements}`);
        else
          block.elements.forEach((element: Json, elementIndex: number) => {
            checkElement(element, `${at}.elements[${elementIndex}]`, problems);
          });
        break;
      case 'input':
        if (surface === 'message') problems.push(`${at}: input blocks belong in modals`);
        checkText(block.label, LIMITS.anyText, `${at}.label`, problems, true);
        checkText(block.hint, LIMITS.anyText, `${at}.hint`, problems);
        if (!block.element) problems.push(`${at}.element: required`);
        else checkElement(block.element as Json, `${at}.element`, problems);
        if ((block.element as Json | undefined)?.type === 'file_input' && surface !== 'modal')
          problems.push(`${at}: a file input belongs in a modal`);
        break;
      case 'divider':
      case 'image':
      case 'rich_text':
      case 'file':
        break;
      default:
        problems.push(`${at}: unknown block type "${String(block.type)}"`);
    }
  });
  return problems;
}

export function validateView(view: unknown): string[] {
  if (typeof view !== 'object' || view === null) return ['view must be an object'];
  const modal = view as Json;
  const surface: Surface = modal.type === 'home' ? 'home' : 'modal';
  const problems = validateBlocks(modal.blocks, surface);
  if (surface === 'modal') {
    checkText(modal.title, LIMITS.modalTitle, 'title', problems, true);
    checkText(modal.submit, LIMITS.modalTitle, 'submit', problems);
    checkText(modal.close, LIMITS.modalTitle, 'close', problems);
    const hasInputs = Array.isArray(modal.blocks) && modal.blocks.some((block: Json) => block?.type === 'input');
    if (hasInputs && !modal.submit) problems.push('submit: required when the modal has inputs');
  }
  if (typeof modal.private_metadata === 'string' && modal.private_metadata.length > LIMITS.privateMetadata)
    problems.push(`private_metadata: longer than ${LIMITS.privateMetadata}`);
  if (typeof modal.callback_id === 'string' && modal.callback_id.length > LIMITS.id) problems.push(`callback_id: longer than ${LIMITS.id}`);
  return problems;
}

function checkText(text: unknown, limit: number, at: string, problems: string[], required = false): void {
  if (text === undefined || text === null) {
    if (required) problems.push(`${at}: required`);
    return;
  }
  const object = text as Json;
  if (typeof object.text !== 'string' || (object.type !== 'plain_text' && object.type !== 'mrkdwn')) {
    problems.push(`${at}: not a text object`);
    return;
  }
  if (object.text.length === 0) problems.push(`${at}: empty text`);
  if (object.text.length > limit) problems.push(`${at}: text longer than ${limit} (${object.text.length})`);
}

function checkElement(element: Json, at: string, problems: string[]): void {
  if (typeof element.action_id === 'string' && element.action_id.length > LIMITS.id)
    problems.push(`${at}.action_id: longer than ${LIMITS.id}`);
  switch (element.type) {
    case 'button':
      checkText(element.text, LIMITS.buttonText, `${at}.text`, problems, true);
      if (typeof element.value === 'string' && element.value.length > LIMITS.buttonValue)
        problems.push(`${at}.value: longer than ${LIMITS.buttonValue}`);
      if (typeof element.url === 'string' && element.url.length > LIMITS.url) problems.push(`${at}.url: longer than ${LIMITS.url}`);
      break;
    case 'static_select':
    case 'multi_static_select':
      checkOptions(element, LIMITS.selectOptions, at, problems);
      break;
    case 'checkboxes':
    case 'radio_buttons':
      checkOptions(element, LIMITS.choiceOptions, at, problems);
      break;
    case 'overflow':
      checkOptions(element, LIMITS.overflowOptions, at, problems);
      break;
    case 'file_input':
      if (
        element.max_files !== undefined &&
        !(Number.isInteger(element.max_files) && Number(element.max_files) >= 1 && Number(element.max_files) <= 10)
      )
        problems.push(`${at}.max_files: outside 1..10`);
      if (
        element.filetypes !== undefined &&
        !(Array.isArray(element.filetypes) && element.filetypes.every((type) => typeof type === 'string'))
      )
        problems.push(`${at}.filetypes: not a list of extensions`);
      break;
    case 'plain_text_input':
      if (typeof element.max_length === 'number' && (element.max_length < 1 || element.max_length > LIMITS.inputMaxLength))
        problems.push(`${at}.max_length: outside 1..${LIMITS.inputMaxLength}`);
      break;
    default:
      break;
  }
}

function checkOptions(element: Json, limit: number, at: string, problems: string[]): void {
  // A select may group its options instead (option_groups: at most 100 groups, each of at most 100, a label of 75).
  if (Array.isArray(element.option_groups) && element.options === undefined) {
    const groups = element.option_groups as Json[];
    if (groups.length === 0 || groups.length > LIMITS.selectOptions) problems.push(`${at}.option_groups: 1..${LIMITS.selectOptions}`);
    groups.forEach((group, index) => {
      checkText(group.label, LIMITS.optionText, `${at}.option_groups[${index}].label`, problems, true);
      checkOptions(group, LIMITS.selectOptions, `${at}.option_groups[${index}]`, problems);
    });
    return;
  }
  const options = element.options;
  if (!Array.isArray(options) || options.length === 0) {
    problems.push(`${at}.options: required`);
    return;
  }
  if (options.length > limit) problems.push(`${at}.options: more than ${limit}`);
  options.forEach((option: Json, index: number) => {
    checkText(option.text, LIMITS.optionText, `${at}.options[${index}].text`, problems, true);
    if (typeof option.value !== 'string' || option.value.length > LIMITS.optionValue)
      problems.push(`${at}.options[${index}].value: missing or longer than ${LIMITS.optionValue}`);
  });
}
