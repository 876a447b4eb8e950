/**
 * How this deployment's codes travel (the API's `channel`, from its configuration alone): the pages say it rather than
 * assume a text. The ways in the order tried, `-or-` between them: `log` is the local demo printing a code no gateway
 * carries in the server's log; `none`, no way to send one.
 */
export const CODE_CHANNELS = ['line-or-sms-or-log', 'line-or-sms', 'line-or-log', 'sms-or-log', 'line', 'sms', 'log', 'none'] as const;
export type CodeChannel = (typeof CODE_CHANNELS)[number];
/** A sign-up code goes only by SMS to the mobile typed, which SMS always reaches when there is SMS. */
export const SIGNUP_CODE_CHANNELS = ['sms', 'log', 'none'] as const satisfies readonly CodeChannel[];
export type SignupCodeChannel = (typeof SIGNUP_CODE_CHANNELS)[number];
