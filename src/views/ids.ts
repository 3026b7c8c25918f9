/**
 * Every callback_id, block_id and action_id the bot uses, in one place, so a handler and the view
 * it answers can never drift apart. One section per feature.
 */
