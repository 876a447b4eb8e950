import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { pickLocale } from './locale';
import { messageFor } from './messages';

/** A body-parser error (http-errors, with body-parser's `type`) by what its caller did wrong, and its answer's status. */
const UNREADABLE: Readonly<Record<string, { readonly code: string; readonly status: number }>> = {
  'entity.parse.failed': { code: 'REQUEST.MALFORMED_JSON', status: 400 },
  'entity.too.large': { code: 'REQUEST.BODY_TOO_LARGE', status: 413 },
  'parameters.too.many': { code: 'REQUEST.BODY_TOO_LARGE', status: 413 },
  'charset.unsupported': { code: 'REQUEST.BODY_ENCODING', status: 415 },
  'encoding.unsupported': { code: 'REQUEST.BODY_ENCODING', status: 415 },
  'request.size.invalid': { code: 'REQUEST.BODY_UNREADABLE', status: 400 },
  'request.aborted': { code: 'REQUEST.BODY_UNREADABLE', status: 400 },
  'querystring.parse.rangeError': { code: 'REQUEST.BODY_UNREADABLE', status: 400 },
};

const unreadableOf = (err: unknown) => {
  const type = (err as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? UNREADABLE[type] : undefined;
};

/**
 * Answers a body the parser refused as the API answers any client mistake (`{error: {code, message}}`, the caller's
 * language, the API's headers); anything else goes on to Express's own final handler.
 */
export function answerUnreadableBody(headers: Readonly<Record<string, string>>): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, next) => {
    const unreadable = unreadableOf(err);
    if (!unreadable || res.headersSent) return next(err);
    const { code, status } = unreadable;
    res.status(status).set(headers).json({ error: { code, message: messageFor(code, pickLocale(req.header('accept-language')), code) } });
  };
}

type Handle = (this: express.Application, req: Request, res: Response, callback?: (err?: unknown) => void) => void;
const answering = new WeakSet<express.Application>();
let installed = false;

/**
 * functions-framework reads every body itself (body-parser's json, text, urlencoded and raw, 1024 MB) in the Express
 * app it serves a function from, before any of the function's code runs, and hands a body it cannot read (JSON that
 * does not parse, a charset or Content-Encoding it cannot decode, a body past its limit) to Express's final handler,
 * which answers an HTML page in English; version 5 gives the function no way in (functions-framework-nodejs#686).
 * So every Express app, the framework's included, gets `answerUnreadableBody` as its last error handler, added on its
 * first request, when the framework has added all it adds. Errors of any other kind reach Express's handler as before.
 */
export function answerUnreadableBodiesInEveryApp(headers: Readonly<Record<string, string>>): void {
  if (installed) return;
  installed = true;
  const application = express.application as express.Application & { handle: Handle };
  const handle = application.handle;
  application.handle = function (this: express.Application, req, res, callback) {
    if (!answering.has(this)) {
      answering.add(this);
      this.use(answerUnreadableBody(headers));
    }
    handle.call(this, req, res, callback);
  };
}
