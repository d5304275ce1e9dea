// Local ESLint rule `local/layers`: one-way imports between the layers of src/.
//
// A file's layer is the first path segment under src/ when that is a folder (src/report/summary.ts
// is in `report`), or, for a file directly in src/, its name without extension (src/main.ts is
// `main`). The rule resolves every import source of a file in src/ against the file's folder, so
// the check is about the file the import reaches, not how the import is spelled:
// `../report/../aws/x.js`, `../../src/aws/x.js` and `/abs/path/src/aws/x.ts` all land in `aws`.
//
// Checked: import (value, type, side effect), export … from, export * from, import() and
// require() with a string (or expression-free template) specifier, `import x = require()`, and
// type-level `import('…')`. An import() or require() whose specifier is computed cannot be checked
// and is reported, as is a `#subpath` import (package.json "imports" could point anywhere).
// Bare package names (and node: builtins) are not layers and are left to other rules.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** @type {import('eslint').Rule.RuleModule} */
const layers = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Files in src/ import only from their own layer and the layers the table allows, however the import is spelled.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          srcDir: { type: 'string' },
          allowed: {
            type: 'object',
            additionalProperties: { type: 'array', items: { type: 'string' }, uniqueItems: true },
          },
        },
        required: ['srcDir', 'allowed'],
        additionalProperties: false,
      },
    ],
    messages: {
      forbidden:
        "Layer '{{from}}' must not import layer '{{to}}' ({{target}}): '{{from}}' may import only {{allowed}}. Layers point one way; the table is in eslint.config.js.",
      unknownLayer:
        "'{{from}}' ({{file}}) is not a layer in the table in eslint.config.js, so it may import nothing from src/ outside itself (this import reaches layer '{{to}}', {{target}}). Add the layer to the table.",
      leavesSrc:
        "'{{specifier}}' resolves to {{target}}, outside src/: code in src/ imports only src/ files and packages.",
      unresolvable:
        '{{what}} cannot be checked against the layer table in eslint.config.js: use a string literal relative specifier.',
    },
  },

  create(context) {
    const [{ srcDir: srcOption, allowed }] = context.options
    const srcDir = resolve(srcOption)
    checkTable(allowed)

    const filename = context.filename
    const fromRelative = insideSrc(srcDir, filename)
    if (fromRelative === undefined) return {}
    const from = layerOf(fromRelative)
    const projectDir = dirname(srcDir)
    const shown = (path) => relative(projectDir, path).split(sep).join('/')

    /** @param {import('estree').Node} node @param {string} specifier */
    const check = (node, specifier) => {
      if (specifier.startsWith('#')) {
        context.report({
          node,
          messageId: 'unresolvable',
          data: { what: `The subpath import '${specifier}'` },
        })
        return
      }
      const target = resolveSpecifier(dirname(filename), specifier)
      if (target === undefined) return // a package or builtin: not a layer
      if (target === null) {
        context.report({
          node,
          messageId: 'unresolvable',
          data: { what: `The file URL '${specifier}'` },
        })
        return
      }
      const targetRelative = insideSrc(srcDir, target)
      if (targetRelative === undefined) {
        context.report({
          node,
          messageId: 'leavesSrc',
          data: { specifier, target: shown(target) },
        })
        return
      }
      const to = layerOf(targetRelative)
      if (to === from) return
      const data = { from, to, target: shown(target), file: shown(filename) }
      if (!Object.hasOwn(allowed, from)) {
        context.report({ node, messageId: 'unknownLayer', data })
      } else if (!allowed[from].includes(to)) {
        const list = allowed[from]
        const allowedText =
          list.length === 0 ? 'itself (nothing else)' : `itself and ${list.join(', ')}`
        context.report({ node, messageId: 'forbidden', data: { ...data, allowed: allowedText } })
      }
    }

    /** A specifier node that may be computed (import(), require()). */
    const checkExpression = (node, source, what) => {
      const specifier = staticString(source)
      if (specifier === undefined)
        context.report({ node, messageId: 'unresolvable', data: { what } })
      else check(source, specifier)
    }

    const checkSource = (node) => {
      if (node.source) checkExpression(node.source, node.source, 'This import')
    }

    return {
      ImportDeclaration: checkSource,
      ExportNamedDeclaration: checkSource,
      ExportAllDeclaration: checkSource,
      ImportExpression: (node) =>
        checkExpression(node, node.source, 'An import() with a computed specifier'),
      CallExpression(node) {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'require') return
        if (node.arguments.length === 0) return
        checkExpression(node, node.arguments[0], 'A require() with a computed specifier')
      },
      // TypeScript-only syntax (typescript-eslint's AST).
      TSExternalModuleReference: (node) =>
        checkExpression(node, node.expression, 'This import = require()'),
      TSImportType: (node) => {
        const source = node.source ?? node.argument?.literal
        if (source) checkExpression(node, source, "This type-level import('…')")
      },
    }
  },
}

/**
 * The table must name only its own layers (a typo would silently allow nothing) and have no cycle
 * (two layers importing each other are one layer).
 */
const checkedTables = new WeakSet()
function checkTable(allowed) {
  if (checkedTables.has(allowed)) return
  for (const [layer, list] of Object.entries(allowed))
    for (const target of list)
      if (!Object.hasOwn(allowed, target))
        throw new Error(
          `local/layers: layer '${layer}' allows '${target}', which is not a layer of the table.`,
        )
  const done = new Set()
  const visit = (layer, path) => {
    if (path.includes(layer))
      throw new Error(`local/layers: the table has a cycle: ${[...path, layer].join(' → ')}.`)
    if (done.has(layer)) return
    for (const target of allowed[layer]) visit(target, [...path, layer])
    done.add(layer)
  }
  for (const layer of Object.keys(allowed)) visit(layer, [])
  checkedTables.add(allowed)
}

/** The string a specifier node stands for, if it is static. */
function staticString(node) {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0)
    return node.quasis[0].value.cooked ?? undefined
  return undefined
}

/**
 * The file path a relative, absolute or file: URL specifier reaches; undefined for a bare
 * specifier (a package or a builtin), null for a file: URL that names no local path. Node reads
 * relative specifiers as URLs, so a query or fragment is dropped and percent escapes are decoded,
 * as Node would.
 */
function resolveSpecifier(fromDir, specifier) {
  if (/^file:/i.test(specifier)) {
    try {
      return fileURLToPath(new URL(specifier))
    } catch {
      return null // not a local file URL: Node would refuse it too
    }
  }
  const relativeOrAbsolute =
    specifier === '.' ||
    specifier === '..' ||
    specifier.startsWith('./') ||
    specifier.startsWith('../') ||
    isAbsolute(specifier)
  if (!relativeOrAbsolute) return undefined
  let path = specifier.replace(/[?#].*$/s, '')
  try {
    path = decodeURIComponent(path)
  } catch {
    // not valid percent-encoding: Node would refuse it; judge the text as written
  }
  return resolve(fromDir, path)
}

/** The path of `path` under `srcDir` (segments joined with the platform separator), or undefined. */
function insideSrc(srcDir, path) {
  const rel = relative(srcDir, resolve(path))
  if (rel === '') return rel
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined
  return rel
}

/**
 * The layer of a path under src/: its first folder, or for a file directly in src/ its name up to
 * the first dot (`main.ts`, `main.js` and `main` are all `main`). src/ itself resolves like a
 * folder import, to its index. Lower-cased: on a case-insensitive file system `../AWS/x.js` is aws.
 */
function layerOf(pathUnderSrc) {
  if (pathUnderSrc === '') return 'index'
  const segments = pathUnderSrc.split(sep)
  const first = segments.length > 1 ? segments[0] : segments[0].replace(/\..*$/s, '')
  return first.toLowerCase()
}

export default {
  meta: { name: 'iot-sbom-action-local-rules' },
  rules: { layers },
}
