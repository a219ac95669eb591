import type { FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireUser } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { ZIdParams, ZProblem } from '../../platform/http/openapi.js';
import { lenderPrincipal } from '../lenders/index.js';
import { DocumentNotFoundError } from './document-store.js';
import {
  deleteDocument,
  documentsDeps,
  findLenderDocument,
  findReadableDocument,
  listCompanyDocuments,
  listRequestDocuments,
  storeDocument,
  uploadTarget,
  type DocumentsDeps,
  type Viewer,
} from './documents.service.js';
import { ZDocumentSchema, ZRequestDocumentsSchema, ZUploadFormSchema } from './documents.types.js';
import { MULTIPART_LIMITS, receiveUpload } from './receive-upload.js';
import { attachmentDisposition } from './safe-filename.js';
import type { DocumentRow } from './schema.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const uploadErrors = { ...errors, 413: ZProblem, 415: ZProblem };
const lenderSecurity: { [name: string]: string[] }[] = [{ session: [] }, { lenderApiKey: [] }];

/**
 * Upload forms are read part by part as a stream (receive-upload.ts), so Fastify must not validate a
 * body; the form's schema still documents the route in the OpenAPI document.
 */
const formBodyReadByHandler: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' ? () => true : (validatorCompiler as FastifySchemaCompiler<unknown>)(route);

/** People by their session; lender users and lender systems (API key) as their lender. */
async function viewerOf(ctx: AppContext, req: FastifyRequest): Promise<Viewer> {
  if (req.user && req.user.role !== 'lender') return { kind: 'user', user: req.user };
  if (!req.user && !req.headers.authorization && !req.headers['x-api-key']) requireUser(req);
  const p = await lenderPrincipal(ctx.database.db, req);
  return { kind: 'lender', lenderId: p.lenderId };
}

async function sendContent(deps: DocumentsDeps, reply: FastifyReply, doc: DocumentRow) {
  let content;
  try {
    content = await deps.store.get(doc.storageKey);
  } catch (err) {
    if (!(err instanceof DocumentNotFoundError)) throw err;
    reply.log.error({ documentId: doc.id, storageKey: doc.storageKey }, 'document content missing from the store');
    throw new AppError('not_found', 'Der Inhalt dieses Dokuments ist nicht verfügbar.');
  }
  return reply
    .type(doc.contentType)
    .header('content-disposition', attachmentDisposition(doc.filename))
    .header('content-length', String(doc.size))
    .header('x-content-sha256', doc.sha256)
    .header('cache-control', 'private, no-store')
    .send(content);
}

const downloadSchema = {
  produces: ['application/pdf', 'image/png', 'image/jpeg', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
};

export function documentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const deps = documentsDeps(ctx.config, ctx.database, app.log);
    // Multipart parsing for this module's routes only: one file of at most 20 MB.
    await app.register(multipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: true });

    const upload = async (req: FastifyRequest, target: { requestId: string } | { companyId: string }) => {
      const user = requireUser(req);
      // Authorise before reading a byte of the body.
      const where = await uploadTarget(ctx.database.db, user, target);
      const staged = await receiveUpload(req, deps.stagingDir);
      try {
        return await storeDocument(deps, where, staged, user, actorOf(req));
      } finally {
        await staged.discard();
      }
    };
    const uploadSchema = (summary: string) => ({
      tags: ['documents'],
      summary,
      description:
        'multipart/form-data with the fields `kind`, optional `fiscalYear` (required for annual statements and tax assessments) and `asOf`, and one `file` (PDF, PNG, JPEG, XLSX or CSV, at most 20 MB, type checked by content). 409 with `existingDocumentId` when the company already has the same file (SHA-256).',
      consumes: ['multipart/form-data'],
      params: ZIdParams,
      body: ZUploadFormSchema,
      response: { 201: ZDocumentSchema, ...uploadErrors },
    });

    app.post(
      '/financing-requests/:id/documents',
      { schema: uploadSchema('Upload a document to a financing request'), validatorCompiler: formBodyReadByHandler },
      async (req, reply) => reply.status(201).send(await upload(req, { requestId: req.params.id })),
    );
    app.post(
      '/companies/:id/documents',
      { schema: uploadSchema('Upload a document of the company (serves all its requests)'), validatorCompiler: formBodyReadByHandler },
      async (req, reply) => reply.status(201).send(await upload(req, { companyId: req.params.id })),
    );

    app.get(
      '/financing-requests/:id/documents',
      {
        schema: {
          tags: ['documents'],
          summary: "The request's documents (its own and the company's general ones), the product's checklist and what is missing",
          security: lenderSecurity,
          params: ZIdParams,
          response: { 200: ZRequestDocumentsSchema, ...errors },
        },
      },
      async (req) => listRequestDocuments(ctx.database.db, await viewerOf(ctx, req), req.params.id),
    );
    app.get(
      '/companies/:id/documents',
      {
        schema: {
          tags: ['documents'],
          summary: 'All documents of a company (general and per request)',
          params: ZIdParams,
          response: { 200: z.object({ items: z.array(ZDocumentSchema) }), ...errors },
        },
      },
      async (req) => ({ items: await listCompanyDocuments(ctx.database.db, requireUser(req), req.params.id) }),
    );
    app.get(
      '/documents/:id/content',
      {
        schema: {
          tags: ['documents'],
          summary: 'Download a document (Content-Type as detected, X-Content-SHA256)',
          security: lenderSecurity,
          params: ZIdParams,
          ...downloadSchema,
        },
      },
      async (req, reply) => sendContent(deps, reply, await findReadableDocument(ctx.database.db, await viewerOf(ctx, req), req.params.id)),
    );
    app.delete(
      '/documents/:id',
      {
        schema: {
          tags: ['documents'],
          summary: 'Delete a document (owner or staff; not once an offer of its request was accepted)',
          params: ZIdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await deleteDocument(deps, requireUser(req), req.params.id, actorOf(req));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/lender/requests/:id/documents/:documentId',
      {
        schema: {
          tags: ['lender API'],
          summary: 'Download a document of a request dispatched to this lender (404 otherwise)',
          security: lenderSecurity,
          params: z.strictObject({ id: z.uuid({ message: 'keine gültige ID' }), documentId: z.uuid({ message: 'keine gültige ID' }) }),
          ...downloadSchema,
        },
      },
      async (req, reply) => {
        const p = await lenderPrincipal(ctx.database.db, req);
        return sendContent(deps, reply, await findLenderDocument(ctx.database.db, p.lenderId, req.params.id, req.params.documentId));
      },
    );
  };
}
