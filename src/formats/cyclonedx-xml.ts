// CycloneDX XML → the CycloneDX *JSON* shape, so one reader (cyclonedx-json.ts) builds the
// model and one comparison (sbom/loss-report.ts) finds what was dropped, whatever the input syntax.
// The parser cannot be turned against the runner: DTDs are refused before parsing (CycloneDX
// never uses one), so external entities and entity expansion bombs never reach it; size and
// nesting depth are bounded.
import { XMLParser } from 'fast-xml-parser'
import { SbomError } from '../shared/errors.js'
import type { JsonObject } from '../shared/json.js'
import { SUPPORTED_SPEC_VERSIONS } from './spec-versions.js'

type XmlNode = Record<string, unknown>

const NAMESPACE = /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/
const MAX_DEPTH = 64

/** Wrapper elements whose children become a JSON array, and the child element each holds. */
const LISTS: Readonly<Record<string, readonly string[]>> = {
  components: ['component'],
  services: ['service'],
  hashes: ['hash'],
  licenses: ['license', 'expression'],
  externalReferences: ['reference'],
  properties: ['property'],
  authors: ['author'],
  lifecycles: ['lifecycle'],
  dependencies: ['dependency'],
  vulnerabilities: ['vulnerability'],
  endpoints: ['endpoint'],
  tags: ['tag'],
}

/** Elements (as `parent/child`) that repeat directly under their parent; JSON holds them as arrays. */
const ORGANIZATIONS = ['supplier', 'manufacture', 'manufacturer', 'provider', 'organization']
const REPEATED = new Set(ORGANIZATIONS.flatMap((parent) => [`${parent}/url`, `${parent}/contact`]))

/** Attributes whose JSON value is not a string, as `element@attribute`. */
const NUMERIC_ATTRIBUTES = new Set(['bom@version', 'swid@tagVersion'])
const BOOLEAN_ATTRIBUTES = new Set(['swid@patch'])

export function looksLikeXml(text: string): boolean {
  return /^\s*</.test(text)
}

export function readCycloneDxXml(file: string, text: string): JsonObject {
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new SbomError(
      file,
      'is XML with a DTD (<!DOCTYPE or <!ENTITY). DTDs are refused: they enable external-entity and entity-expansion attacks, and CycloneDX never uses them.',
      {
        hint: 'Remove the DOCTYPE declaration; a CycloneDX generator never writes one.',
      },
    )
  let parsed: XmlNode
  try {
    parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      textNodeName: '#text',
      removeNSPrefix: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      isArray: () => true,
      maxNestedTags: MAX_DEPTH,
    }).parse(text, true) as XmlNode
  } catch (error) {
    throw new SbomError(file, `is not well-formed XML: ${(error as Error).message}`)
  }
  const bom = (parsed.bom as XmlNode[] | undefined)?.[0]
  if (bom === undefined)
    throw new SbomError(file, 'is XML but has no <bom> root element, so it is not CycloneDX XML.', {
      hint: `Accepted XML: CycloneDX ${SUPPORTED_SPEC_VERSIONS.join('/')}.`,
    })
  const namespace = String(bom['@xmlns'] ?? '')
  const specVersion = NAMESPACE.exec(namespace)?.[1]
  if (specVersion === undefined)
    throw new SbomError(
      file,
      `has a <bom> root in namespace "${namespace}", not a CycloneDX namespace (http://cyclonedx.org/schema/bom/1.x).`,
    )
  return { bomFormat: 'CycloneDX', specVersion, ...convertElement(bom, 'bom') }
}

function convertElement(node: XmlNode, name: string): JsonObject {
  const result: JsonObject = {}
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@')) {
      if (key === '@xmlns' || key.startsWith('@xmlns:') || key.startsWith('@schemaLocation'))
        continue
      result[key.slice(1)] = attributeValue(`${name}${key}`, String(value))
    } else if (key !== '#text') {
      const children = value as unknown[]
      result[key] = convertChildren(key, children, name)
    }
  }
  return special(name, node, result)
}

function convertChildren(key: string, children: unknown[], parent: string): unknown {
  const listItems = LISTS[key]
  // <tools> is a list of <tool> up to 1.4 and an object of <components>/<services> from 1.5 on.
  const isLegacyTools =
    key === 'tools' && children.some((child) => isNode(child) && 'tool' in child)
  if (listItems || isLegacyTools) {
    const wrapper = children[0]
    if (!isNode(wrapper)) return []
    const itemNames = isLegacyTools ? ['tool'] : (listItems ?? [])
    return Object.entries(wrapper).flatMap(([childName, items]) =>
      itemNames.includes(childName)
        ? (items as unknown[]).map((item) => convertValue(childName, item))
        : [],
    )
  }
  // Evidence copyright is <copyright><text>…</text>…</copyright>; JSON: [{text}, …].
  if (parent === 'evidence' && key === 'copyright') {
    const wrapper = children[0]
    const texts = isNode(wrapper) ? ((wrapper.text as unknown[] | undefined) ?? []) : []
    return texts.map((item) => ({ text: String(isNode(item) ? (item['#text'] ?? '') : item) }))
  }
  const converted = children.map((child) => convertValue(key, child))
  return REPEATED.has(`${parent}/${key}`) || (parent === 'dependency' && key === 'dependency')
    ? converted
    : converted[0]
}

/** Elements whose JSON form is an object even when the XML element holds only text. */
const ALWAYS_OBJECTS = new Set(['hash', 'property', 'expression', 'license', 'text', 'dependency'])

function convertValue(name: string, value: unknown): unknown {
  if (!isNode(value))
    return ALWAYS_OBJECTS.has(name) ? special(name, { '#text': value }, {}) : String(value)
  const hasChildrenOrAttributes = Object.keys(value).some((key) => key !== '#text')
  if (!hasChildrenOrAttributes && !ALWAYS_OBJECTS.has(name))
    return String((value['#text'] as unknown) ?? '')
  return convertElement(value, name)
}

/** Elements whose JSON shape differs from "attributes and children as keys". */
function special(name: string, node: XmlNode, converted: JsonObject): JsonObject {
  const text = node['#text'] === undefined ? undefined : String(node['#text'])
  switch (name) {
    case 'hash':
      return { alg: converted.alg, content: text }
    case 'property':
      return { name: converted.name, value: text ?? '' }
    case 'expression':
      return {
        expression: text,
        ...(converted.acknowledgement ? { acknowledgement: converted.acknowledgement } : {}),
      }
    case 'license': {
      const { acknowledgement, ...license } = converted
      return { license, ...(acknowledgement ? { acknowledgement } : {}) }
    }
    case 'text': {
      const { 'content-type': contentType, ...rest } = converted
      return { ...rest, ...(contentType === undefined ? {} : { contentType }), content: text }
    }
    case 'dependency': {
      const { dependency, ...rest } = converted
      const dependsOn = Array.isArray(dependency)
        ? dependency.map((child) => (child as JsonObject).ref)
        : []
      return dependsOn.length > 0 ? { ...rest, dependsOn } : rest
    }
    default:
      return text === undefined ? converted : { ...converted, '#text': text }
  }
}

function attributeValue(qualifiedName: string, value: string): unknown {
  if (NUMERIC_ATTRIBUTES.has(qualifiedName) && /^\d+$/.test(value)) return Number(value)
  if (BOOLEAN_ATTRIBUTES.has(qualifiedName)) return value === 'true'
  return value
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null
}
