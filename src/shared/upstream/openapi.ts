/**
 * The upstream contract at run time: api/upstream.openapi.json is the single source of truth.
 * Types come from it by generation (`npm run gen:api` → upstream-api.generated.ts, kept up to
 * date by a test); messages are validated against its JSON Schemas here (ajv, JSON Schema
 * 2020-12 as OpenAPI 3.1 uses), by the sandbox on every request and response and by the
 * kiosk's client before sending and on every answer. Nothing about a message is written twice.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020'
import document from '../../../api/upstream.openapi.json'
import type { ReasonCode } from './reasons'
import type { components, operations } from './upstream-api.generated'

export type OperationId = keyof operations
export type Schemas = components['schemas']
export type { ReasonCode }
export type UpstreamErrorBody = Schemas['Error']

type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? B : never

/** The JSON body an operation takes (`undefined` for a GET). */
export type RequestOf<Op extends OperationId> = operations[Op] extends { requestBody: infer R } ? JsonContent<R> : undefined

type SuccessCodes = 200 | 201 | 202
/** The JSON body of an operation's success answer (binary answers: `Uint8Array`). */
export type ResponseOf<Op extends OperationId> = {
  [S in Extract<keyof operations[Op]['responses'], SuccessCodes>]: [JsonContent<operations[Op]['responses'][S]>] extends [never]
    ? Uint8Array
    : JsonContent<operations[Op]['responses'][S]>
}[Extract<keyof operations[Op]['responses'], SuccessCodes>]

export interface OperationSpec {
  readonly id: OperationId
  readonly method: 'GET' | 'POST'
  readonly path: string
  /** True when the operation takes (and requires) an `Idempotency-Key` header. */
  readonly idempotent: boolean
  /** The success status and its media types (`application/json`, or image types for photos). */
  readonly successStatus: number
  readonly successMedia: readonly string[]
  /** Error statuses the document lists for the operation. */
  readonly errorStatuses: readonly number[]
}

/** One problem found by validation: where (JSON pointer into the message) and what. */
export interface SchemaIssue {
  readonly path: string
  readonly message: string
}

const SCHEMA_ID = 'urn:esscard:upstream'
const COMPONENT_REF = '#/components/schemas/'

interface LooseOperation {
  operationId: string
  parameters?: Array<{ $ref?: string; name?: string; in?: string }>
  requestBody?: { content: Record<string, { schema: unknown }> }
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>
}
type LooseDocument = {
  paths: Record<string, Record<string, LooseOperation>>
  components: { schemas: Record<string, unknown>; parameters: Record<string, { name: string; in: string }>; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }
}

const doc = document as unknown as LooseDocument

/** Resolves `#/components/...` refs of parameters and responses (schemas stay refs). */
function deref<T>(value: { $ref?: string } & T, section: 'parameters' | 'responses'): T {
  const ref = value.$ref
  if (!ref) return value
  const name = ref.slice(`#/components/${section}/`.length)
  const target = (doc.components[section] as Record<string, T>)[name]
  if (!target) throw new Error(`upstream.openapi.json: unresolved ${ref}`)
  return target
}

function indexOperations(): Readonly<Record<OperationId, OperationSpec>> {
  const out: Record<string, OperationSpec> = {}
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []).map((p) => deref(p, 'parameters'))
      const statuses = Object.keys(op.responses).map(Number)
      const success = statuses.find((s) => s >= 200 && s < 300)
      if (success === undefined) throw new Error(`upstream.openapi.json: ${op.operationId} has no success answer`)
      const successResponse = deref(op.responses[String(success)]!, 'responses')
      out[op.operationId] = {
        id: op.operationId as OperationId,
        method: method.toUpperCase() as 'GET' | 'POST',
        path,
        idempotent: params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
        successStatus: success,
        successMedia: Object.keys(successResponse.content ?? {}),
        errorStatuses: statuses.filter((s) => s >= 400),
      }
    }
  }
  return out as Record<OperationId, OperationSpec>
}

/** Every operation of the document, by operationId. */
export const OPERATIONS = indexOperations()

const BY_ROUTE = new Map(Object.values(OPERATIONS).map((op) => [`${op.method} ${op.path}`, op]))

/** The operation at `METHOD /path`, if the document has one. */
export function operationAt(method: string, path: string): OperationSpec | undefined {
  return BY_ROUTE.get(`${method.toUpperCase()} ${path}`)
}

/** Every reason code the document names (the `ReasonCode` enum). */
export const REASON_CODES = (doc.components.schemas['ReasonCode'] as { enum: ReasonCode[] }).enum

/** Rewrites the document's refs so ajv can resolve them inside one schema of its own. */
function absolutize(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replaceAll(`"${COMPONENT_REF}`, `"${SCHEMA_ID}#/$defs/`))
}

function toIssues(errors: readonly ErrorObject[] | null | undefined): SchemaIssue[] {
  return (errors ?? []).slice(0, 20).map((e) => ({
    path: e.instancePath || '/',
    message: e.keyword === 'additionalProperties' ? `unknown field ${String(e.params['additionalProperty'])}` : (e.message ?? e.keyword),
  }))
}

/**
 * Validates messages against the document. Validators are compiled on first use and kept.
 * Returns `null` when the message is valid, else the issues.
 */
export class ContractValidator {
  readonly #ajv: Ajv2020
  readonly #cache = new Map<string, ValidateFunction>()

  constructor() {
    this.#ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false })
    this.#ajv.addSchema({ $id: SCHEMA_ID, $defs: absolutize(doc.components.schemas) as Record<string, object> })
  }

  #compile(key: string, schema: () => unknown): ValidateFunction {
    let fn = this.#cache.get(key)
    if (!fn) {
      fn = this.#ajv.compile(absolutize(schema()) as object)
      this.#cache.set(key, fn)
    }
    return fn
  }

  #operation(id: OperationId): LooseOperation {
    const spec = OPERATIONS[id]
    return doc.paths[spec.path]![spec.method.toLowerCase()]!
  }

  /** The request body of `id`; an operation without a body accepts only an empty one. */
  validateRequest(id: OperationId, body: unknown): SchemaIssue[] | null {
    const op = this.#operation(id)
    const schema = op.requestBody?.content['application/json']?.schema
    if (!schema) return body === undefined ? null : [{ path: '/', message: 'this operation takes no body' }]
    const fn = this.#compile(`req:${id}`, () => schema)
    return fn(body) ? null : toIssues(fn.errors)
  }

  /** A JSON answer of `id` with `status`; statuses the document does not list are refused. */
  validateResponse(id: OperationId, status: number, body: unknown): SchemaIssue[] | null {
    const raw = this.#operation(id).responses[String(status)]
    if (!raw) return [{ path: '/', message: `status ${status} is not in the contract for ${id}` }]
    const schema = deref(raw, 'responses').content?.['application/json']?.schema
    if (!schema) return [{ path: '/', message: `status ${status} of ${id} has no JSON body` }]
    const fn = this.#compile(`res:${id}:${status}`, () => schema)
    return fn(body) ? null : toIssues(fn.errors)
  }

  /** Any error body (every failure of every operation has this shape). */
  validateError(body: unknown): SchemaIssue[] | null {
    const fn = this.#compile('error', () => ({ $ref: `${COMPONENT_REF}Error` }))
    return fn(body) ? null : toIssues(fn.errors)
  }

  /** A component schema by name (for tests and the sandbox's admin API). */
  validateSchema(name: keyof Schemas, value: unknown): SchemaIssue[] | null {
    const fn = this.#compile(`schema:${name}`, () => ({ $ref: `${COMPONENT_REF}${name}` }))
    return fn(value) ? null : toIssues(fn.errors)
  }
}

/** The document itself, for tests that check it against the shared zod schemas. */
export const UPSTREAM_DOCUMENT: unknown = document
