export const id = 252;
export const ids = [252];
export const modules = {

/***/ 6252:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPipeline: () => (/* binding */ runPipeline)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/action-info.ts
var action_info = __webpack_require__(3690);
;// CONCATENATED MODULE: ./src/report/ocsf.ts
// OCSF "Software Inventory Info" (class 5020, Discovery) describing the published SBOM, for
// security data lakes such as Amazon Security Lake custom sources. Field rules follow OCSF 1.7.0
// (see __tests__/report/ocsf-software-inventory-1.7.0.schema.json for what we derived from it).
const OCSF_VERSION = '1.7.0';
const CLASS_UID = 5020;
const CATEGORY_UID = 5;
const ACTIVITY_COLLECT = 2;
const SEVERITY_INFORMATIONAL = 1;
const SBOM_TYPE_CYCLONEDX = 2;
const DEVICE_VIRTUAL = 6;
// CycloneDX hash algorithm → OCSF fingerprint algorithm_id.
const FINGERPRINT_ALGORITHMS = {
    MD5: 1,
    'SHA-1': 2,
    'SHA-256': 3,
    'SHA-512': 4,
    'SHA-384': 9,
    'SHA3-256': 13,
    'SHA3-384': 14,
    'SHA3-512': 15,
};
// Node's os.type() → OCSF os.type_id.
const OS_TYPES = { Linux: 200, Windows_NT: 100, Darwin: 300 };
/** One event for the artifact: components of every document in it, listed once each. */
function buildSoftwareInventoryEvent(input) {
    const first = input.documents[0] ?? {};
    const metadata = asObject(first.metadata);
    const root = asObject(metadata.component);
    const created = typeof metadata.timestamp === 'string' ? Date.parse(metadata.timestamp) : NaN;
    const generator = generatorOf(metadata, input.action.name);
    return {
        activity_id: ACTIVITY_COLLECT,
        activity_name: 'Collect',
        category_uid: CATEGORY_UID,
        category_name: 'Discovery',
        class_uid: CLASS_UID,
        class_name: 'Software Inventory Info',
        type_uid: CLASS_UID * 100 + ACTIVITY_COLLECT,
        severity_id: SEVERITY_INFORMATIONAL,
        severity: 'Informational',
        time: input.time,
        metadata: {
            version: OCSF_VERSION,
            product: {
                name: input.action.name,
                vendor_name: input.action.vendor,
                version: input.action.version,
            },
        },
        device: {
            type_id: DEVICE_VIRTUAL,
            type: 'Virtual',
            hostname: input.runner.hostname,
            os: {
                name: input.runner.osType,
                type_id: OS_TYPES[input.runner.osType] ?? 99,
                version: input.runner.osRelease,
            },
        },
        sbom: {
            package: {
                name: input.packageName,
                version: input.versionName,
                ...(typeof root.purl === 'string' ? { purl: root.purl } : {}),
            },
            software_components: softwareComponents(input.documents),
            ...(Number.isNaN(created) ? {} : { created_time: created }),
            ...(generator ? { product: generator } : {}),
            type_id: SBOM_TYPE_CYCLONEDX,
            type: 'CycloneDX',
            ...(typeof first.serialNumber === 'string' ? { uid: first.serialNumber } : {}),
            ...(typeof first.specVersion === 'string' ? { version: first.specVersion } : {}),
        },
    };
}
function softwareComponents(documents) {
    const seen = new Set();
    const components = [];
    for (const document of documents)
        for (const component of allComponents(document)) {
            const name = `${typeof component.group === 'string' && component.group ? `${component.group}/` : ''}${String(component.name ?? '')}`;
            // OCSF requires a version; CycloneDX does not.
            const version = typeof component.version === 'string' && component.version ? component.version : 'unknown';
            const purl = typeof component.purl === 'string' ? component.purl : undefined;
            const identity = purl ?? `${name}@${version}`;
            if (seen.has(identity))
                continue;
            seen.add(identity);
            const license = licenseOf(component.licenses);
            const hash = hashOf(component.hashes);
            components.push({
                name,
                version,
                type_id: component.type === 'library'
                    ? 2
                    : component.type === 'framework'
                        ? 1
                        : component.type === 'operating-system'
                            ? 3
                            : 99,
                ...(purl ? { purl } : {}),
                ...(license ? { license } : {}),
                ...(hash ? { hash } : {}),
            });
        }
    return components;
}
function allComponents(document) {
    const found = [];
    const stack = [document.components];
    while (stack.length > 0) {
        const list = stack.pop();
        if (!Array.isArray(list))
            continue;
        for (const item of list)
            if (typeof item === 'object' && item !== null) {
                found.push(item);
                stack.push(item.components);
            }
    }
    return found;
}
/** The SBOM's generator: the first tool that is not this action. */
function generatorOf(metadata, ourName) {
    const tools = metadata.tools;
    const candidates = Array.isArray(tools)
        ? tools
        : [...(Array.isArray(asObject(tools).components) ? asObject(tools).components : [])];
    const tool = candidates.find((t) => typeof t.name === 'string' && t.name !== ourName);
    if (!tool)
        return undefined;
    const vendor = typeof tool.vendor === 'string'
        ? tool.vendor
        : typeof tool.group === 'string'
            ? tool.group
            : undefined;
    return {
        name: tool.name,
        ...(vendor ? { vendor_name: vendor } : {}),
        ...(typeof tool.version === 'string' ? { version: tool.version } : {}),
    };
}
/** SPDX ids and expressions as one string, e.g. "MIT OR Apache-2.0". */
function licenseOf(licenses) {
    if (!Array.isArray(licenses))
        return undefined;
    const parts = licenses.map((entry) => {
        if (typeof entry.expression === 'string')
            return entry.expression;
        const license = asObject(entry.license);
        return typeof license.id === 'string'
            ? license.id
            : typeof license.name === 'string'
                ? license.name
                : undefined;
    });
    const known = parts.filter((p) => p !== undefined);
    return known.length > 0 ? known.join(' AND ') : undefined;
}
/** The strongest hash OCSF has an algorithm id for. */
function hashOf(hashes) {
    if (!Array.isArray(hashes))
        return undefined;
    const usable = hashes
        .filter((h) => typeof h.alg === 'string' &&
        typeof h.content === 'string' &&
        FINGERPRINT_ALGORITHMS[h.alg] !== undefined)
        .sort((a, b) => (FINGERPRINT_ALGORITHMS[b.alg] ?? 0) -
        (FINGERPRINT_ALGORITHMS[a.alg] ?? 0));
    const best = usable[0];
    return best
        ? {
            algorithm_id: FINGERPRINT_ALGORITHMS[best.alg],
            algorithm: best.alg,
            value: best.content,
        }
        : undefined;
}
function asObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

// EXTERNAL MODULE: ./node_modules/yazl/index.js
var yazl = __webpack_require__(3044);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
;// CONCATENATED MODULE: ./src/sbom/archive.ts


/**
 * The entry time, fixed so identical content gives identical bytes: 1980-01-01 00:00, where DOS
 * time starts. yazl converts it to DOS fields in *local* time, so it is built in local time at the
 * moment of use (a UTC instant would become 1979-12-31 west of Greenwich), and the extended
 * timestamp extra field, which holds the UTC instant, is left out (forceDosTimestamp).
 */
function fixedEntryTime() {
    return new Date(1980, 0, 1, 0, 0, 0);
}
/**
 * The bytes uploaded to S3: the normalized JSON file(s) in a .zip (what AWS IoT documents as the
 * SBOM archive; it validates per file), or the one JSON file as is.
 */
async function buildArtifact(entries, format) {
    if (format === 'json') {
        const [only, ...rest] = entries;
        if (only === undefined || rest.length > 0)
            throw new errors/* SbomError */.SP(entries.map((entry) => entry.name).join(', ') || '(no SBOM)', `sbom-archive: json holds exactly one SBOM, got ${entries.length}.`, { hint: 'Use sbom-archive: zip to publish several SBOM files together.' });
        return Buffer.from(only.content, 'utf8');
    }
    const zip = new yazl/* ZipFile */.u();
    for (const entry of entries)
        zip.addBuffer(Buffer.from(entry.content, 'utf8'), entry.name, {
            mtime: fixedEntryTime(),
            mode: 0o100644,
            compress: true,
            forceDosTimestamp: true,
        });
    zip.end();
    const chunks = [];
    for await (const chunk of zip.outputStream)
        chunks.push(chunk);
    return Buffer.concat(chunks);
}

// EXTERNAL MODULE: ./src/sbom/diff.ts
var diff = __webpack_require__(3394);
// EXTERNAL MODULE: ./src/sbom/spec-versions.ts
var spec_versions = __webpack_require__(4786);
;// CONCATENATED MODULE: ./src/sbom/detect.ts


const SPDX_VERSIONS = ['SPDX-2.2', 'SPDX-2.3'];
const ACCEPTED = `CycloneDX JSON or XML ${spec_versions/* SUPPORTED_SPEC_VERSIONS */.R1.join('/')}, or SPDX JSON 2.2/2.3`;
/** Which reader a parsed JSON document needs; anything else is refused saying what it looks like. */
function detectFormat(file, document) {
    if (document.bomFormat === 'CycloneDX')
        return 'CycloneDX JSON';
    if (typeof document.spdxVersion === 'string') {
        if (SPDX_VERSIONS.includes(document.spdxVersion))
            return 'SPDX JSON';
        throw new errors/* SbomError */.SP(file, `is ${document.spdxVersion} JSON, which is not supported.`, {
            hint: `Accepted: ${ACCEPTED}.`,
        });
    }
    throw new errors/* SbomError */.SP(file, `is not an SBOM format the action reads (it looks like ${guess(document)}).`, {
        hint: `Accepted: ${ACCEPTED}. Most generators can write one of these (e.g. syft -o cyclonedx-json, trivy --format cyclonedx).`,
    });
}
function guess(document) {
    const context = JSON.stringify(document['@context'] ?? '');
    if (context.includes('spdx.org/rdf/3'))
        return 'SPDX 3 JSON-LD';
    if ('artifacts' in document && 'descriptor' in document)
        return 'syft JSON';
    if ('bomFormat' in document)
        return `a document with bomFormat ${JSON.stringify(document.bomFormat)}`;
    const keys = Object.keys(document).slice(0, 5);
    return keys.length > 0 ? `JSON with top-level keys ${keys.join(', ')}` : 'an empty JSON object';
}

// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/index.js
var enums = __webpack_require__(6820);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/models/index.js
var models = __webpack_require__(320);
;// CONCATENATED MODULE: ./src/sbom/enrich.ts



/** bom-ref prefix of the IoT package component this action adds. */
const PACKAGE_REF_PREFIX = 'iot-package:';
// Namespace of our derived serial numbers (UUID v5 of `repository\ncommitSha\npackage\nversion`).
// An arbitrary constant of this project, fixed forever: changing it changes every derived
// serialNumber, and with it every artifact's bytes.
const SERIAL_NAMESPACE = '6f1d3c2a-8b4e-5a7f-9c0d-2e4b6a8c0f13';
// The schema allows upper-case hex; the library's serializer writes only lower case.
const SERIAL_NUMBER = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Makes the BOM say what it is for (the IoT package@version), who touched it (this action), and
 * gives it a stable identity. Nothing random and nothing from the clock: same input + same commit
 * → same bytes. Returns notes on what it decided.
 */
function enrichBom(bom, enrichment) {
    addTool(bom.metadata.tools, enrichment.tool);
    const notes = [
        ...describePackage(bom.metadata, enrichment),
        ...identify(bom, enrichment),
        ...assignStableBomRefs(bom),
    ];
    if (bom.metadata.timestamp === undefined && enrichment.commitTime !== undefined)
        bom.metadata.timestamp = enrichment.commitTime;
    return notes;
}
/** metadata.component: the IoT package@version when absent; the input's own is never replaced. */
function describePackage(metadata, enrichment) {
    const { packageName, versionName } = enrichment;
    const existing = metadata.component;
    // Ours already (a re-normalized output, or a merge root): nothing to say.
    if (existing?.bomRef.value === `${PACKAGE_REF_PREFIX}${packageName}@${versionName}`)
        return [];
    if (existing !== undefined)
        return [
            `metadata.component kept as the input had it (${existing.type} ${existing.name}@${existing.version ?? '(no version)'}); the SBOM is associated with IoT package ${packageName}@${versionName}.`,
        ];
    metadata.component = new models.Component(enums.ComponentType.Application, packageName, {
        version: versionName,
        bomRef: `${PACKAGE_REF_PREFIX}${packageName}@${versionName}`,
    });
    return [`metadata.component set to the IoT package ${packageName}@${versionName}.`];
}
/** serialNumber: kept when it is a urn:uuid, else derived from the commit and package (UUID v5). */
function identify(bom, enrichment) {
    const current = bom.serialNumber;
    if (current !== undefined && SERIAL_NUMBER.test(current)) {
        if (current === current.toLowerCase())
            return [];
        bom.serialNumber = current.toLowerCase();
        return [
            `serialNumber ${current} written in lower case (the CycloneDX library writes no other).`,
        ];
    }
    const name = [
        enrichment.repository,
        enrichment.commitSha,
        enrichment.packageName,
        enrichment.versionName,
    ];
    const derived = `urn:uuid:${uuidV5(SERIAL_NAMESPACE, name.join('\n'))}`;
    bom.serialNumber = derived;
    return current === undefined
        ? []
        : [`serialNumber ${JSON.stringify(current)} is not a urn:uuid; replaced by ${derived}.`];
}
/**
 * This action as a tool, in the shape the input's tools already have: the ≤1.4 list when it has
 * one (the library writes a mix of both shapes as the list anyway), else a 1.5+ tool component,
 * which the serializer turns into a list entry for targets before 1.5. Not added twice when the
 * input is already one of our outputs.
 */
function addTool(tools, tool) {
    const same = (vendor, name, version) => vendor === tool.vendor && name === tool.name && version === tool.version;
    if ([...tools.tools].some((t) => same(t.vendor, t.name, t.version)) ||
        [...tools.components].some((c) => same(c.group, c.name, c.version)))
        return;
    if (tools.tools.size > 0)
        tools.tools.add(new models.Tool({ vendor: tool.vendor, name: tool.name, version: tool.version }));
    else
        tools.components.add(new models.Component(enums.ComponentType.Application, tool.name, {
            group: tool.vendor,
            version: tool.version,
        }));
}
/**
 * The library's serializer gives every component, service and vulnerability without a bom-ref,
 * and every holder of a duplicate one, a *random* bom-ref (Math.random), and sorts components by
 * bom-ref: two runs would differ. So every holder gets a stable, unique value first, derived from
 * what it is (purl, else group/name@version; a vulnerability's id), in the library's tree order.
 * The first holder of a duplicated value keeps it: that is whom dependencies on it mean.
 */
function assignStableBomRefs(bom) {
    const holders = [...bomRefHolders(bom)];
    const owner = new Map();
    for (const { bomRef } of holders)
        if (bomRef.value && !owner.has(bomRef.value))
            owner.set(bomRef.value, bomRef);
    const taken = new Set(owner.keys());
    let generated = 0;
    const renamed = [];
    for (const { bomRef, derive } of holders) {
        const current = bomRef.value;
        if (current && owner.get(current) === bomRef)
            continue;
        const fresh = uniqueValue(current || derive(), taken);
        if (current)
            renamed.push(`${JSON.stringify(current)} → ${JSON.stringify(fresh)}`);
        else
            generated += 1;
        bomRef.value = fresh;
        taken.add(fresh);
    }
    const notes = [];
    if (generated > 0)
        notes.push(`${generated} component(s)/service(s)/vulnerabilit(ies) had no bom-ref; they got stable ones derived from purl or name@version.`);
    if (renamed.length > 0)
        notes.push(`bom-refs used more than once were made unique (dependencies keep pointing at the first holder): ${renamed.slice(0, 5).join(', ')}${renamed.length > 5 ? `, and ${renamed.length - 5} more` : ''}.`);
    return notes;
}
/** Same order as the library's serializer visits them. */
function* bomRefHolders(bom) {
    if (bom.metadata.component)
        yield* componentTree([bom.metadata.component]);
    yield* componentTree(bom.components);
    yield* serviceTree(bom.services);
    for (const vulnerability of bom.vulnerabilities)
        yield { bomRef: vulnerability.bomRef, derive: () => vulnerability.id || 'vulnerability' };
}
function* componentTree(components) {
    for (const component of components) {
        yield {
            bomRef: component.bomRef,
            derive: () => component.purl || nameAtVersion(component.group, component.name, component.version),
        };
        yield* componentTree(component.components);
    }
}
function* serviceTree(services) {
    for (const service of services) {
        yield {
            bomRef: service.bomRef,
            derive: () => nameAtVersion(service.group, service.name, service.version),
        };
        yield* serviceTree(service.services);
    }
}
function nameAtVersion(group, name, version) {
    return `${group ? `${group}/` : ''}${name}${version ? `@${version}` : ''}`;
}
function uniqueValue(base, taken) {
    if (!taken.has(base))
        return base;
    for (let n = 2;; n += 1)
        if (!taken.has(`${base}~${n}`))
            return `${base}~${n}`;
}
/** RFC 4122 name-based UUID, SHA-1 flavour. */
function uuidV5(namespace, name) {
    const bytes = (0,external_node_crypto_.createHash)('sha1')
        .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
        .update(name, 'utf8')
        .digest()
        .subarray(0, 16);
    bytes[6] = (bytes[6] & 0x0f) | 0x50;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

;// CONCATENATED MODULE: ./src/sbom/merge.ts
// `merge: true`: several normalized BOMs → one, with the IoT package as its root.



/**
 * Components are de-duplicated by purl, else bom-ref, else group/name@version; dependencies that
 * pointed at a dropped duplicate point at the kept one; each input's own root component becomes
 * a dependency of the IoT package. The result still needs enrichBom (tool, serial number).
 */
function mergeBoms(parts, enrichment) {
    const merged = new models.Bom();
    const root = new models.Component(enums.ComponentType.Application, enrichment.packageName, {
        version: enrichment.versionName,
        bomRef: `${PACKAGE_REF_PREFIX}${enrichment.packageName}@${enrichment.versionName}`,
    });
    merged.metadata.component = root;
    const kept = new Map();
    const replaced = new Map();
    const notes = [];
    let duplicates = 0;
    const take = (component) => {
        const key = identity(component);
        const existing = kept.get(key);
        if (existing === undefined) {
            kept.set(key, component);
            merged.components.add(component);
            return component;
        }
        replaced.set(component.bomRef, existing.bomRef);
        for (const dependency of component.dependencies)
            existing.dependencies.add(dependency);
        duplicates += 1;
        return existing;
    };
    for (const { bom } of parts) {
        const partRoot = bom.metadata.component;
        // A placeholder root that enrichment made for this very package is replaced by the merged root.
        if (partRoot !== undefined && !partRoot.bomRef.value?.startsWith(PACKAGE_REF_PREFIX)) {
            const keptRoot = take(partRoot);
            if (keptRoot)
                root.dependencies.add(keptRoot.bomRef);
        }
        else if (partRoot !== undefined) {
            for (const dependency of partRoot.dependencies)
                root.dependencies.add(dependency);
        }
        for (const component of bom.components)
            take(component);
        for (const service of bom.services)
            merged.services.add(service);
        mergeMetadata(merged.metadata, bom.metadata, enrichment.tool.name);
    }
    rewireDependencies(merged, replaced);
    notes.push(`merged ${parts.length} SBOMs into one with ${enrichment.packageName}@${enrichment.versionName} as root` +
        (duplicates > 0
            ? `; ${duplicates} duplicate component(s) (same purl, bom-ref or name@version) were merged.`
            : '.'));
    return { bom: merged, notes };
}
function identity(component) {
    const purl = component.purl?.toString();
    if (purl)
        return `purl:${purl}`;
    if (component.bomRef.value)
        return `ref:${component.bomRef.value}`;
    return `name:${component.group ?? ''}/${component.name}@${component.version ?? ''}`;
}
function mergeMetadata(target, source, ownToolName) {
    for (const tool of source.tools.tools)
        if (tool.name !== ownToolName)
            target.tools.tools.add(tool);
    for (const tool of source.tools.components)
        if (tool.name !== ownToolName)
            target.tools.components.add(tool);
    for (const tool of source.tools.services)
        target.tools.services.add(tool);
    for (const author of source.authors)
        target.authors.add(author);
    for (const lifecycle of source.lifecycles)
        target.lifecycles.add(lifecycle);
    for (const property of source.properties)
        target.properties.add(property);
}
/** Dependencies are BomRef objects: point those of merged-away duplicates at the kept component. */
function rewireDependencies(bom, replaced) {
    if (replaced.size === 0)
        return;
    const rewire = (dependencies) => {
        for (const dependency of [...dependencies]) {
            const replacement = replaced.get(dependency);
            if (replacement === undefined)
                continue;
            dependencies.delete(dependency);
            dependencies.add(replacement);
        }
    };
    const walk = (components) => {
        for (const component of components) {
            rewire(component.dependencies);
            walk(component.components);
        }
    };
    if (bom.metadata.component)
        rewire(bom.metadata.component.dependencies);
    walk(bom.components);
    for (const service of bom.services)
        rewire(service.dependencies);
}

// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/types/index.js
var types = __webpack_require__(2107);
// EXTERNAL MODULE: ./node_modules/packageurl-js/index.js
var packageurl_js = __webpack_require__(7091);
;// CONCATENATED MODULE: ./src/sbom/json-syntax.ts
// Where a JSON text breaks. JSON.parse says *what* is wrong but, for many errors, not *where*
// ("Unexpected end of JSON input"); a user with a 40 MB SBOM needs the line and column. This
// scanner only runs after JSON.parse has failed, checks syntax without building values, and uses
// an explicit stack so deeply nested input cannot overflow the call stack.
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const WHITESPACE = /[ \t\n\r]*/y;
/** The first syntax error in `text`, or undefined when it is valid JSON. */
function locateJsonSyntaxError(text) {
    const stack = [];
    let expect = 'value';
    let offset = 0;
    const skipWhitespace = () => {
        WHITESPACE.lastIndex = offset;
        WHITESPACE.test(text);
        offset = WHITESPACE.lastIndex;
    };
    const match = (pattern) => {
        pattern.lastIndex = offset;
        if (!pattern.test(text))
            return false;
        offset = pattern.lastIndex;
        return true;
    };
    // Scanned by hand: a backtracking regex over a multi-megabyte string can exhaust the stack.
    const matchString = () => {
        const end = endOfString(text, offset);
        if (end === undefined)
            return false;
        offset = end;
        return true;
    };
    const afterValue = () => (stack.length === 0 ? 'end-of-text' : 'comma-or-end');
    for (;;) {
        skipWhitespace();
        if (offset >= text.length)
            return expect === 'end-of-text' ? undefined : locationAt(text, offset, true);
        const char = text[offset];
        const top = stack.at(-1);
        switch (expect) {
            case 'end-of-text':
                return locationAt(text, offset, false);
            case 'colon':
                if (char !== ':')
                    return locationAt(text, offset, false);
                offset += 1;
                expect = 'value';
                continue;
            case 'comma-or-end':
                if (char === ',') {
                    offset += 1;
                    expect = top === '{' ? 'key' : 'value';
                }
                else if ((char === '}' && top === '{') || (char === ']' && top === '[')) {
                    offset += 1;
                    stack.pop();
                    expect = afterValue();
                }
                else
                    return locationAt(text, offset, false);
                continue;
            case 'key-or-end':
            case 'key':
                if (char === '}' && expect === 'key-or-end') {
                    offset += 1;
                    stack.pop();
                    expect = afterValue();
                }
                else if (char === '"' && matchString())
                    expect = 'colon';
                else
                    return locationAt(text, offset, char === '"' && unterminated(text, offset));
                continue;
            case 'value':
                if (char === '{' || char === '[') {
                    stack.push(char);
                    offset += 1;
                    expect = char === '{' ? 'key-or-end' : 'value';
                    if (char === '[') {
                        // An empty array closes at once.
                        skipWhitespace();
                        if (text[offset] === ']') {
                            offset += 1;
                            stack.pop();
                            expect = afterValue();
                        }
                    }
                }
                else if (endsInsidePrimitive(text, offset))
                    return locationAt(text, offset, true);
                else if (matchString() || match(NUMBER) || match(LITERAL))
                    expect = afterValue();
                else
                    return locationAt(text, offset, char === '"' && unterminated(text, offset));
                continue;
        }
    }
}
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
/** Offset just past the JSON string starting at `offset`, or undefined when it is not one. */
function endOfString(text, offset) {
    if (text[offset] !== '"')
        return undefined;
    for (let index = offset + 1; index < text.length;) {
        const code = text.charCodeAt(index);
        if (code === 0x22)
            return index + 1;
        if (code < 0x20)
            return undefined;
        if (code !== 0x5c) {
            index += 1;
            continue;
        }
        ESCAPE.lastIndex = index;
        if (!ESCAPE.test(text))
            return undefined;
        index = ESCAPE.lastIndex;
    }
    return undefined;
}
const PARTIAL_NUMBER = /^-?(?:\d+(?:\.\d*)?(?:[eE][+-]?\d*)?)?$/;
const COMPLETE_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** The text ends part-way through a literal or number (`tr`, `7.`, `1e`): cut off there. */
function endsInsidePrimitive(text, offset) {
    if (text.length - offset > 32)
        return false;
    const rest = text.slice(offset);
    return (['true', 'false', 'null'].some((literal) => literal !== rest && literal.startsWith(rest)) ||
        (PARTIAL_NUMBER.test(rest) && !COMPLETE_NUMBER.test(rest)));
}
/** A string that runs to the end of the text: the file was cut off inside it. */
function unterminated(text, offset) {
    for (let index = offset + 1; index < text.length; index += 1) {
        const char = text[index];
        if (char === '\\')
            index += 1;
        else if (char === '"' || char === '\n')
            return false;
    }
    return true;
}
function locationAt(text, offset, truncated) {
    let line = 1;
    let lineStart = 0;
    for (let index = text.indexOf('\n'); index !== -1 && index < offset;) {
        line += 1;
        lineStart = index + 1;
        index = text.indexOf('\n', lineStart);
    }
    return { offset, line, column: offset - lineStart + 1, truncated };
}

;// CONCATENATED MODULE: ./src/sbom/report.ts

/**
 * Tool shapes that 1.5+ nests under `tools.components[]` / `tools.services[]` and ≤1.4 keeps in a
 * flat `tools[]` (in metadata and in vulnerabilities): compared as one shape.
 */
const TOOLS_ITEM = /\.tools\.(?:components|services)\[\]/g;
/** Containers that exist in only one of two equivalent shapes; their content is compared instead. */
const TOOLS_CONTAINER = /\.tools\.(?:components|services)$/;
/** Our enrichment writes these; their input values are kept or replaced on purpose (see enrich.ts). */
const OWNED_BY_ENRICHMENT = new Set(['$.$schema', '$.specVersion']);
function countContent(document) {
    const counts = {
        components: 0,
        services: 0,
        dependencies: 0,
        licenses: 0,
        hashes: 0,
        externalReferences: 0,
        vulnerabilities: array(document.vulnerabilities).length,
        properties: 0,
    };
    for (const entry of array(document.dependencies))
        counts.dependencies += array(object(entry).dependsOn).length;
    const visit = (item, kind) => {
        const node = object(item);
        counts[kind] += 1;
        counts.licenses += array(node.licenses).length;
        counts.hashes += array(node.hashes).length;
        counts.externalReferences += array(node.externalReferences).length;
        counts.properties += array(node.properties).length;
        for (const child of array(node[kind]))
            visit(child, kind);
    };
    for (const component of array(document.components))
        visit(component, 'components');
    for (const service of array(document.services))
        visit(service, 'services');
    return counts;
}
/**
 * Every shape path of the input that occurs fewer times in the output, reported once at the root
 * of a subtree that is lost entirely. The reason says whether the target spec or the library
 * lost it, and quotes the first lost value when it is short.
 */
function findDroppedData(comparison) {
    const excluded = new Set(comparison.alreadyReported);
    const before = shapeCounts(comparison.input, excluded);
    const after = shapeCounts(comparison.output);
    const losses = [];
    const lostEntirely = [];
    for (const [path, { count, example }] of before) {
        if (OWNED_BY_ENRICHMENT.has(path) || TOOLS_CONTAINER.test(path))
            continue;
        if (lostEntirely.some((root) => path.startsWith(`${root}.`) || path.startsWith(`${root}[]`)))
            continue;
        const kept = after.get(path)?.count ?? 0;
        if (kept >= count)
            continue;
        if (kept === 0)
            lostEntirely.push(path);
        losses.push({ path, count, kept, example });
    }
    // Where only some occurrences were lost, the first occurrence may well be a kept one: name
    // the lost values instead, and point at the first of them.
    const partial = new Set(losses.filter((loss) => loss.kept > 0).map((loss) => loss.path));
    const lostValues = partial.size > 0
        ? findLostValues(comparison, partial, excluded)
        : new Map();
    // Serializing at the newest spec costs as much as the output did: only when something was lost.
    const losslessDocument = losses.length > 0 ? comparison.lossless(losses.map((loss) => loss.path)) : comparison.output;
    const lossless = losslessDocument === comparison.output ? after : shapeCounts(losslessDocument);
    return losses.map(({ path, count, kept, example }) => {
        const modelled = Math.min(lossless.get(path)?.count ?? 0, count);
        const reason = dropReason({ count, kept, modelled, target: comparison.target });
        if (kept === 0)
            return { path, example, reason: reason + quoteValue(valueAt(comparison.input, example)) };
        const values = lostValues.get(path) ?? [];
        const [first] = values;
        if (first === undefined)
            return { path, example, reason };
        const quoted = values.slice(0, MAX_QUOTED_VALUES).map((value) => value.json);
        if (values.length > MAX_QUOTED_VALUES)
            quoted.push('…');
        return { path, example: first.example, reason: `${reason}; lost: ${quoted.join(', ')}` };
    });
}
/** How many distinct lost values a reason quotes. */
const MAX_QUOTED_VALUES = 5;
/** For shapes that lost some occurrences: the scalar values the input has more often than the output. */
function findLostValues(comparison, shapes, excluded) {
    const tally = (document, skip) => {
        const values = new Map();
        walkShapes(document, skip, (shape, concrete, value) => {
            // undefined: a member the XML reader created without a value; JSON has no such thing.
            if (!shapes.has(shape) ||
                value === undefined ||
                (typeof value === 'object' && value !== null))
                return;
            const json = JSON.stringify(value);
            const perShape = values.get(shape) ?? new Map();
            values.set(shape, perShape);
            const seen = perShape.get(json);
            if (seen)
                seen.count += 1;
            else
                perShape.set(json, { count: 1, example: concrete() });
        });
        return values;
    };
    const before = tally(comparison.input, excluded);
    const after = tally(comparison.output, new Set());
    const lost = new Map();
    for (const [shape, values] of before)
        lost.set(shape, [...values]
            .filter(([json, { count }]) => count > (after.get(shape)?.get(json)?.count ?? 0))
            .map(([json, { example }]) => ({
            json: json.length <= 80 ? json : `${json.slice(0, 77)}…`,
            example,
        })));
    return lost;
}
function dropReason(counts) {
    const { count, kept, modelled, target } = counts;
    const lost = kept === 0 ? (count === 1 ? 'it' : `all ${count}`) : `${count - kept} of ${count}`;
    if (modelled >= count)
        return `CycloneDX ${target} cannot express ${lost} (CycloneDX ${spec_versions/* NEWEST_SPEC_VERSION */.QN} can)`;
    if (modelled <= kept)
        return `the CycloneDX library does not model ${lost}, or the value is not valid there`;
    return `${count - kept} of ${count} lost: some not modelled by the CycloneDX library or invalid, some not expressible in CycloneDX ${target}`;
}
/**
 * Components whose type the target spec does not have: the library's serializer leaves them out
 * with everything nested in them. Reported once per shape path and type (with a count), and
 * every such component's path is returned so the comparison does not count its name, version,
 * hashes, … as lost a second time. Subtrees the reader already `refused` are not visited.
 */
function findComponentsTargetCannotHold(input, target, refused) {
    const spec = (0,spec_versions/* specOf */.rI)(target);
    const groups = new Map();
    const paths = [];
    const visit = (value, path) => {
        if (refused.has(path))
            return;
        const component = object(value);
        if (typeof component.type === 'string' && !spec.supportsComponentType(component.type)) {
            paths.push(path);
            const key = `${shapeOf(path)}\n${component.type}`;
            const group = groups.get(key) ?? { example: path, type: component.type, count: 0 };
            groups.set(key, group);
            group.count += 1;
            return;
        }
        array(component.components).forEach((child, index) => visit(child, `${path}.components[${index}]`));
    };
    const metadata = object(input.metadata);
    if (metadata.component !== undefined)
        visit(metadata.component, '$.metadata.component');
    array(input.components).forEach((component, index) => visit(component, `$.components[${index}]`));
    const dropped = [...groups.values()].map(({ example, type, count }) => ({
        path: shapeOf(example),
        example,
        reason: `component type "${type}" does not exist in CycloneDX ${target}; the component and everything nested in it are left out${count > 1 ? ` (${count} components)` : ''}`,
    }));
    return { dropped, paths };
}
/** Concrete path `$.components[3].hashes[0]` → shape path `$.components[].hashes[]`. */
function shapeOf(path) {
    return path.replace(/\[\d+\]/g, '[]');
}
/** JSON pointer `/components/3/hashes/0` → shape `$.components[].hashes[]` and example `$.components[3].hashes[0]`. */
function pathsOfPointer(pointer) {
    const keys = pointer.split('/').slice(1);
    const render = (index) => keys.reduce((path, key) => (/^\d+$/.test(key) ? `${path}${index(key)}` : `${path}.${key}`), '$');
    return { path: render(() => '[]'), example: render((key) => `[${key}]`) };
}
function shapeCounts(document, excluded = new Set()) {
    const shapes = new Map();
    walkShapes(document, excluded, (shape, concrete) => {
        const seen = shapes.get(shape);
        if (seen)
            seen.count += 1;
        else
            shapes.set(shape, { count: 1, example: concrete() });
    });
    return shapes;
}
/**
 * Calls `visit` for every value that carries data, with its shape path (tool shapes aliased) and
 * a function giving its concrete path (built only when asked: SBOMs have millions of values).
 * Skips empty arrays and objects (the library omits them), excluded subtrees, and lists whose
 * items are all excluded (a list of refused components).
 */
function walkShapes(document, excluded, visit) {
    const excludedShapes = new Set([...excluded].map(shapeOf));
    const node = (raw) => ({
        raw,
        shape: raw.replace(TOOLS_ITEM, '.tools[]'),
        mayBeExcluded: excludedShapes.has(raw),
        members: new Map(),
        item: undefined,
    });
    const memberOf = (parent, name) => {
        let member = parent.members.get(name);
        if (member === undefined) {
            member = node(`${parent.raw}.${name}`);
            parent.members.set(name, member);
        }
        return member;
    };
    // The concrete path of the value being visited: member names and array indexes.
    const steps = [];
    const concrete = () => `$${steps.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('')}`;
    const isExcluded = (shape, step) => {
        if (!shape.mayBeExcluded)
            return false;
        steps.push(step);
        const answer = excluded.has(concrete());
        steps.pop();
        return answer;
    };
    const descend = (value, shape, step) => {
        if (isExcluded(shape, step))
            return;
        steps.push(step);
        walk(value, shape);
        steps.pop();
    };
    const walk = (value, shape) => {
        if (typeof value !== 'object' || value === null) {
            visit(shape.shape, concrete, value);
            return;
        }
        if (Array.isArray(value)) {
            if (value.length === 0)
                return;
            const item = (shape.item ??= node(`${shape.raw}[]`));
            if (item.mayBeExcluded && value.every((_, index) => isExcluded(item, index)))
                return;
            visit(shape.shape, concrete, value);
            for (let index = 0; index < value.length; index += 1)
                descend(value[index], item, index);
            return;
        }
        const names = Object.keys(value);
        if (names.length === 0)
            return;
        visit(shape.shape, concrete, value);
        for (const name of names)
            descend(value[name], memberOf(shape, name), name);
    };
    const root = node('$');
    for (const name of Object.keys(document))
        descend(document[name], memberOf(root, name), name);
}
/** The value at a concrete path like `$.components[3].hashes[0].alg`, if any. */
function valueAt(document, path) {
    const steps = path.slice(1).match(/\.[^.[]+|\[\d+\]/g) ?? [];
    let value = document;
    for (const step of steps) {
        if (typeof value !== 'object' || value === null)
            return undefined;
        const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1);
        value = value[key];
    }
    return value;
}
function quoteValue(value) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        return '';
    const quoted = JSON.stringify(value);
    return quoted.length <= 80 ? `; first value ${quoted}` : '';
}
function array(value) {
    return Array.isArray(value) ? value : [];
}
function object(value) {
    return typeof value === 'object' && value !== null ? value : {};
}

;// CONCATENATED MODULE: ./src/sbom/read-cyclonedx-json.ts
// CycloneDX JSON → the library's Models.Bom. The library serializes but has no deserializer, so
// this is ours. It is deliberately lenient: a value of the wrong type is skipped rather than
// fatal. Two mechanisms make sure nothing is lost without a word:
//  - what this reader refuses on purpose (a component of an unknown type, a dependency on a
//    bom-ref nobody has, an unparsable timestamp, …) is recorded here with its JSON path and why;
//  - everything else that does not reach the output (fields the library does not model, invalid
//    enum values, what the target spec cannot hold) is found by report.ts, which compares the
//    input with the final output.








const COMPONENT_TYPES = new Set(Object.values(enums.ComponentType));
const COMPONENT_SCOPES = new Set(Object.values(enums.ComponentScope));
const HASH_ALGORITHMS = new Set(Object.values(enums.HashAlgorithm));
const EXTERNAL_REFERENCE_TYPES = new Set(Object.values(enums.ExternalReferenceType));
const LIFECYCLE_PHASES = new Set(Object.values(enums.LifecyclePhase));
const LICENSE_ACKNOWLEDGEMENTS = new Set(Object.values(enums.LicenseAcknowledgement));
/** How many invalid purls a note quotes; the rest are counted. */
const PURL_EXAMPLES = 3;
/** Text → JSON object. A UTF-8 byte order mark is accepted; syntax errors name line and column. */
function parseJsonDocument(file, text) {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    let parsed;
    try {
        parsed = JSON.parse(body);
    }
    catch (error) {
        // V8 names the position only for some errors; ours always does, so drop V8's copy.
        const why = error.message.replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?/, '');
        throw new errors/* SbomError */.SP(file, `is not valid JSON${whereJsonBreaks(body)}: ${why}`, {
            hint: 'Check that the SBOM step finished writing the file and that the path points at the SBOM.',
        });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new errors/* SbomError */.SP(file, 'is JSON but not an object, so it cannot be an SBOM.');
    const depth = nestingDepth(parsed, MAX_JSON_DEPTH);
    if (depth > MAX_JSON_DEPTH)
        throw new errors/* SbomError */.SP(file, `nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep; the action reads at most ${MAX_JSON_DEPTH} (real SBOMs nest a few dozen at most).`, {
            hint: 'Flatten nested components (list them at the top level and express the tree in dependencies).',
        });
    return parsed;
}
/**
 * JSON nesting the readers, the library and its serializer can walk (they recurse). JSON.parse
 * itself copes with far deeper input, so this is checked right after parsing, without recursion.
 */
const MAX_JSON_DEPTH = 128;
/** Depth of the deepest value, counting stops once past `limit`. */
function nestingDepth(root, limit) {
    let deepest = 0;
    const stack = [[root, 1]];
    while (stack.length > 0) {
        const [value, depth] = stack.pop();
        if (depth > deepest)
            deepest = depth;
        if (deepest > limit)
            return deepest;
        if (typeof value === 'object' && value !== null)
            for (const child of Object.values(value))
                if (typeof child === 'object' && child !== null)
                    stack.push([child, depth + 1]);
    }
    return deepest;
}
function whereJsonBreaks(text) {
    const location = locateJsonSyntaxError(text);
    if (location === undefined)
        return '';
    const at = ` at line ${location.line}, column ${location.column}`;
    return location.truncated ? `${at} (the file ends in the middle of the document: truncated?)` : at;
}
/** A parsed CycloneDX JSON document → the library's model, plus what was refused and why. */
function readCycloneDxJson(file, input) {
    if (input.bomFormat !== 'CycloneDX')
        throw new errors/* SbomError */.SP(file, `has bomFormat ${JSON.stringify(input.bomFormat) ?? '(missing)'}; a CycloneDX JSON document has "CycloneDX".`);
    if (!(0,spec_versions/* isSpecVersion */.qr)(input.specVersion))
        throw new errors/* SbomError */.SP(file, `declares CycloneDX specVersion ${JSON.stringify(input.specVersion) ?? '(missing)'}, which is not supported.`, { hint: `Supported: ${spec_versions/* SUPPORTED_SPEC_VERSIONS */.R1.join(', ')}.` });
    const reader = new CycloneDxReader();
    const bom = reader.read(input);
    return {
        bom,
        specVersion: input.specVersion,
        input,
        dropped: reader.refusals.entries(),
        refusedPaths: reader.refusals.paths,
        notes: reader.notes(),
    };
}
class CycloneDxReader {
    /** bom-ref value → the model's BomRef object; the library wires dependencies by object identity. */
    #refs = new Map();
    #dependents = new Map();
    #invalidPurls = [];
    refusals = new Refusals();
    read(input) {
        const bom = new models.Bom();
        if (isPositiveInteger(input.version))
            bom.version = input.version;
        else if (input.version !== undefined)
            this.#refuse('$.version', 'not a positive integer; the BOM is written with version 1', input.version);
        if (typeof input.serialNumber === 'string')
            bom.serialNumber = input.serialNumber;
        const metadata = read_cyclonedx_json_asObject(input.metadata);
        if (metadata)
            this.#metadata(bom.metadata, metadata, '$.metadata');
        forEachObject(input.components, '$.components', (json, path) => {
            const model = this.#component(json, path, true);
            if (model)
                bom.components.add(model);
        });
        forEachObject(input.services, '$.services', (json, path) => {
            const model = this.#service(json, path, true);
            if (model)
                bom.services.add(model);
        });
        // Dependencies and vulnerability affects point at bom-refs: read them once all are known.
        forEachObject(input.dependencies, '$.dependencies', (json, path) => this.#dependency(json, path));
        forEachObject(input.vulnerabilities, '$.vulnerabilities', (json, path) => bom.vulnerabilities.add(this.#vulnerability(json, path)));
        return bom;
    }
    notes() {
        const count = this.#invalidPurls.length;
        if (count === 0)
            return [];
        const shown = this.#invalidPurls.slice(0, PURL_EXAMPLES).join('; ');
        const more = count > PURL_EXAMPLES ? `; and ${count - PURL_EXAMPLES} more` : '';
        return [
            `${count} purl(s) do not parse as package URLs and are kept exactly as written: ${shown}${more}.`,
        ];
    }
    #refuse(path, reason, value) {
        this.refusals.add(path, reason, value);
    }
    #metadata(target, json, path) {
        const timestamp = date(json.timestamp);
        if (timestamp)
            target.timestamp = timestamp;
        else if (json.timestamp !== undefined)
            this.#refuse(`${path}.timestamp`, 'not a date-time; left out (the commit time is used when there is one)', json.timestamp);
        for (const lifecycle of asObjects(json.lifecycles)) {
            if (typeof lifecycle.phase === 'string' && LIFECYCLE_PHASES.has(lifecycle.phase))
                target.lifecycles.add(lifecycle.phase);
            else if (typeof lifecycle.name === 'string')
                target.lifecycles.add(new models.NamedLifecycle(lifecycle.name, { description: str(lifecycle.description) }));
        }
        this.#tools(target.tools, json.tools, `${path}.tools`);
        for (const author of asObjects(json.authors))
            target.authors.add(contact(author));
        const component = read_cyclonedx_json_asObject(json.component);
        if (component)
            target.component = this.#component(component, `${path}.component`, true);
        const manufacture = read_cyclonedx_json_asObject(json.manufacture);
        if (manufacture)
            target.manufacture = entity(manufacture);
        const supplier = read_cyclonedx_json_asObject(json.supplier);
        if (supplier)
            target.supplier = entity(supplier);
        addLicenses(target.licenses, json.licenses);
        addProperties(target.properties, json.properties);
    }
    /** ≤1.4: an array of tools; 1.5+: `{components, services}` (the array form is deprecated but valid). */
    #tools(target, json, path) {
        if (Array.isArray(json)) {
            for (const tool of asObjects(json))
                target.tools.add(new models.Tool({
                    vendor: str(tool.vendor),
                    name: str(tool.name),
                    version: str(tool.version),
                    hashes: hashes(tool.hashes),
                    externalReferences: externalReferences(tool.externalReferences),
                }));
            return;
        }
        const tools = read_cyclonedx_json_asObject(json);
        if (!tools)
            return;
        // Tool components/services describe the tools, not the product: their bom-refs are not
        // dependency targets, so they are not registered.
        forEachObject(tools.components, `${path}.components`, (component, itemPath) => {
            const model = this.#component(component, itemPath, false);
            if (model)
                target.components.add(model);
        });
        forEachObject(tools.services, `${path}.services`, (service, itemPath) => {
            const model = this.#service(service, itemPath, false);
            if (model)
                target.services.add(model);
        });
    }
    #component(json, path, register) {
        const type = str(json.type);
        const name = str(json.name);
        if (type === undefined || !COMPONENT_TYPES.has(type)) {
            this.#refuse(path, `not a component type the CycloneDX library knows (${[...COMPONENT_TYPES].join(', ')}); the component and everything nested in it are left out`, json.type ?? '(no type)');
            return undefined;
        }
        if (name === undefined) {
            this.#refuse(path, 'a component without a name; it and everything nested in it are left out');
            return undefined;
        }
        const scope = str(json.scope);
        const component = new models.Component(type, name, {
            bomRef: str(json['bom-ref']),
            author: str(json.author),
            copyright: str(json.copyright),
            description: str(json.description),
            group: str(json.group),
            publisher: str(json.publisher),
            purl: this.#purl(json.purl, `${path}.purl`),
            scope: scope !== undefined && COMPONENT_SCOPES.has(scope)
                ? scope
                : undefined,
            version: str(json.version),
            // The model's setter throws on a malformed CPE; leaving it out lets the report list it.
            cpe: (0,types.isCPE)(json.cpe) ? json.cpe : undefined,
            hashes: hashes(json.hashes),
            externalReferences: externalReferences(json.externalReferences),
        });
        const supplier = read_cyclonedx_json_asObject(json.supplier);
        if (supplier)
            component.supplier = entity(supplier);
        addLicenses(component.licenses, json.licenses);
        addProperties(component.properties, json.properties);
        component.swid = swid(json.swid);
        component.evidence = evidence(json.evidence);
        if (register)
            this.#register(json['bom-ref'], component.bomRef, component.dependencies);
        forEachObject(json.components, `${path}.components`, (child, childPath) => {
            const model = this.#component(child, childPath, register);
            if (model)
                component.components.add(model);
        });
        return component;
    }
    /** Kept as written either way (the model holds a string); an unparsable one is noted. */
    #purl(value, path) {
        if (typeof value !== 'string')
            return undefined;
        try {
            packageurl_js.PackageURL.fromString(value);
        }
        catch (error) {
            this.#invalidPurls.push(`${path} ${JSON.stringify(value)} (${error.message})`);
        }
        return value;
    }
    #service(json, path, register) {
        const name = str(json.name);
        if (name === undefined) {
            this.#refuse(path, 'a service without a name; it and everything nested in it are left out');
            return undefined;
        }
        const provider = read_cyclonedx_json_asObject(json.provider);
        const service = new models.Service(name, {
            bomRef: str(json['bom-ref']),
            group: str(json.group),
            version: str(json.version),
            description: str(json.description),
            provider: provider ? entity(provider) : undefined,
            externalReferences: externalReferences(json.externalReferences),
        });
        addLicenses(service.licenses, json.licenses);
        addProperties(service.properties, json.properties);
        if (register)
            this.#register(json['bom-ref'], service.bomRef, service.dependencies);
        forEachObject(json.services, `${path}.services`, (child, childPath) => {
            const model = this.#service(child, childPath, register);
            if (model)
                service.services.add(model);
        });
        return service;
    }
    /** The first holder of a bom-ref value is what dependencies on it mean; enrich.ts renames later duplicates. */
    #register(value, bomRef, dependencies) {
        if (typeof value !== 'string' || this.#refs.has(value))
            return;
        this.#refs.set(value, bomRef);
        this.#dependents.set(value, dependencies);
    }
    #dependency(entry, path) {
        const ref = str(entry.ref);
        const dependencies = ref === undefined ? undefined : this.#dependents.get(ref);
        if (dependencies === undefined) {
            if (ref === undefined)
                this.#refuse(path, 'a dependency entry without a ref');
            else
                this.#refuse(path, 'its ref names no component or service of this BOM, so its edges have no source', ref);
            return;
        }
        forEachString(entry.dependsOn, `${path}.dependsOn`, (target, targetPath) => {
            const bomRef = this.#refs.get(target);
            if (target === ref)
                this.#refuse(targetPath, 'a dependency of a component on itself (CycloneDX writes no self-edges)', target);
            else if (bomRef)
                dependencies.add(bomRef);
            else
                this.#refuse(targetPath, 'names no component or service of this BOM', target);
        });
    }
    #vulnerability(json, path) {
        const V = models.Vulnerability;
        const vulnerability = new V.Vulnerability({
            bomRef: str(json['bom-ref']),
            id: str(json.id),
            source: source(json.source),
            description: str(json.description),
            detail: str(json.detail),
            recommendation: str(json.recommendation),
            created: date(json.created),
            published: date(json.published),
            updated: date(json.updated),
        });
        for (const reference of asObjects(json.references)) {
            const referenceSource = source(reference.source);
            if (typeof reference.id === 'string' && referenceSource)
                vulnerability.references.add(new V.Reference(reference.id, referenceSource));
        }
        for (const rating of asObjects(json.ratings))
            vulnerability.ratings.add(new V.Rating({
                source: source(rating.source),
                score: typeof rating.score === 'number' ? rating.score : undefined,
                severity: oneOf(rating.severity, enums.Vulnerability.Severity),
                method: oneOf(rating.method, enums.Vulnerability.RatingMethod),
                vector: str(rating.vector),
                justification: str(rating.justification),
            }));
        if (Array.isArray(json.cwes))
            for (const cwe of json.cwes)
                if ((0,types.isCWE)(cwe))
                    vulnerability.cwes.add(cwe);
        for (const advisory of asObjects(json.advisories))
            if (typeof advisory.url === 'string')
                vulnerability.advisories.add(new V.Advisory(advisory.url, { title: str(advisory.title) }));
        const credits = read_cyclonedx_json_asObject(json.credits);
        if (credits)
            vulnerability.credits = new V.Credits({
                organizations: new models.OrganizationalEntityRepository(asObjects(credits.organizations).map(entity)),
                individuals: new models.OrganizationalContactRepository(asObjects(credits.individuals).map(contact)),
            });
        this.#tools(vulnerability.tools, json.tools, `${path}.tools`);
        vulnerability.analysis = analysis(json.analysis);
        forEachObject(json.affects, `${path}.affects`, (affect, affectPath) => {
            const model = this.#affect(affect, affectPath);
            if (model)
                vulnerability.affects.add(model);
        });
        addProperties(vulnerability.properties, json.properties);
        return vulnerability;
    }
    /** `affects` point at components or services by bom-ref: resolved to the model's own BomRef objects. */
    #affect(json, path) {
        const target = typeof json.ref === 'string' ? this.#refs.get(json.ref) : undefined;
        if (!target) {
            this.#refuse(path, 'its ref names no component or service of this BOM', json.ref ?? '(no ref)');
            return undefined;
        }
        const model = new models.Vulnerability.Affect(target);
        for (const version of asObjects(json.versions)) {
            const status = oneOf(version.status, enums.Vulnerability.AffectStatus);
            if (typeof version.version === 'string')
                model.versions.add(new models.Vulnerability.AffectedSingleVersion(version.version, { status }));
            else if (typeof version.range === 'string')
                model.versions.add(new models.Vulnerability.AffectedVersionRange(version.range, { status }));
        }
        return model;
    }
}
/** How many refused values one report entry quotes. */
const QUOTED_VALUES = 3;
/**
 * What the reader refused, grouped by shape path and reason so that 5,000 dangling dependency
 * refs make one report line (with a count and the first values), not 5,000.
 */
class Refusals {
    /** Every refused concrete path. */
    paths = new Set();
    #groups = new Map();
    add(path, reason, value) {
        this.paths.add(path);
        const key = `${shapeOf(path)}\n${reason}`;
        const group = this.#groups.get(key) ?? { example: path, reason, values: [], count: 0 };
        this.#groups.set(key, group);
        group.count += 1;
        if (value !== undefined && group.values.length < QUOTED_VALUES)
            group.values.push(value);
    }
    entries() {
        return [...this.#groups.values()].map(({ example, reason, values, count }) => {
            const quoted = values.map((value) => JSON.stringify(value)).join(', ');
            const more = count > values.length && values.length > 0 ? ', …' : '';
            const times = count > 1 ? ` (${count} times)` : '';
            return {
                path: shapeOf(example),
                example,
                reason: values.length > 0 ? `${reason}: ${quoted}${more}${times}` : `${reason}${times}`,
            };
        });
    }
}
function analysis(json) {
    const value = read_cyclonedx_json_asObject(json);
    if (!value)
        return undefined;
    const model = new models.Vulnerability.Analysis({
        state: oneOf(value.state, enums.Vulnerability.AnalysisState),
        justification: oneOf(value.justification, enums.Vulnerability.AnalysisJustification),
        detail: str(value.detail),
    });
    for (const response of asStrings(value.response)) {
        const known = oneOf(response, enums.Vulnerability.AnalysisResponse);
        if (known)
            model.response.add(known);
    }
    return model;
}
function swid(json) {
    const value = read_cyclonedx_json_asObject(json);
    if (!value || typeof value.tagId !== 'string' || typeof value.name !== 'string')
        return undefined;
    return new models.SWID(value.tagId, value.name, {
        version: str(value.version),
        patch: typeof value.patch === 'boolean' ? value.patch : undefined,
        url: str(value.url),
        text: attachment(value.text),
        // The model refuses a negative tagVersion; the report lists what is left out.
        tagVersion: Number.isInteger(value.tagVersion) && value.tagVersion >= 0
            ? value.tagVersion
            : undefined,
    });
}
/** The library models evidence licenses and copyright; identity, occurrences, callstack are reported. */
function evidence(json) {
    const value = read_cyclonedx_json_asObject(json);
    if (!value)
        return undefined;
    const model = new models.ComponentEvidence();
    addLicenses(model.licenses, value.licenses);
    for (const copyright of asObjects(value.copyright))
        if (typeof copyright.text === 'string')
            model.copyright.add(copyright.text);
    // An evidence with nothing the model holds would be written as `{}`: leave it to the report.
    return model.licenses.size > 0 || model.copyright.size > 0 ? model : undefined;
}
function attachment(json) {
    const value = read_cyclonedx_json_asObject(json);
    if (!value || typeof value.content !== 'string')
        return undefined;
    return new models.Attachment(value.content, {
        contentType: str(value.contentType),
        encoding: value.encoding === 'base64' ? enums.AttachmentEncoding.Base64 : undefined,
    });
}
function source(json) {
    const value = read_cyclonedx_json_asObject(json);
    return value
        ? new models.Vulnerability.Source({ name: str(value.name), url: str(value.url) })
        : undefined;
}
function date(value) {
    const parsed = typeof value === 'string' ? new Date(value) : undefined;
    return parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
}
/** The value when it is one of the enum's values; the report lists what is left out. */
function oneOf(value, values) {
    return typeof value === 'string' && Object.values(values).includes(value)
        ? value
        : undefined;
}
function hashes(json) {
    const dictionary = new models.HashDictionary();
    for (const hash of asObjects(json))
        if (typeof hash.alg === 'string' &&
            HASH_ALGORITHMS.has(hash.alg) &&
            typeof hash.content === 'string')
            dictionary.set(hash.alg, hash.content);
    return dictionary;
}
function externalReferences(json) {
    const repository = new models.ExternalReferenceRepository();
    for (const reference of asObjects(json))
        if (typeof reference.url === 'string' &&
            typeof reference.type === 'string' &&
            EXTERNAL_REFERENCE_TYPES.has(reference.type))
            repository.add(new models.ExternalReference(reference.url, reference.type, {
                comment: str(reference.comment),
                hashes: hashes(reference.hashes),
            }));
    return repository;
}
/** `{license: {id}}` → SpdxLicense, `{license: {name}}` → NamedLicense, `{expression}` → LicenseExpression. */
function addLicenses(target, json) {
    for (const choice of asObjects(json)) {
        const acknowledgement = str(choice.acknowledgement);
        const known = acknowledgement !== undefined && LICENSE_ACKNOWLEDGEMENTS.has(acknowledgement)
            ? acknowledgement
            : undefined;
        if (typeof choice.expression === 'string' && choice.expression !== '') {
            const expression = new models.LicenseExpression(choice.expression);
            expression.acknowledgement = known;
            target.add(expression);
            continue;
        }
        const license = read_cyclonedx_json_asObject(choice.license);
        const model = license && disjunctiveLicense(license, known);
        if (model)
            target.add(model);
    }
}
function disjunctiveLicense(license, acknowledgement) {
    const options = { url: str(license.url), acknowledgement, text: attachment(license.text) };
    // The library writes an id it does not know as a name; report.ts then lists the id as changed.
    let model;
    if (typeof license.id === 'string' && license.id !== '')
        model = new models.SpdxLicense(license.id, options);
    else if (typeof license.name === 'string')
        model = new models.NamedLicense(license.name, options);
    if (model)
        addProperties(model.properties, license.properties);
    return model;
}
function addProperties(target, json) {
    for (const property of asObjects(json))
        if (typeof property.name === 'string')
            target.add(new models.Property(property.name, typeof property.value === 'string' ? property.value : ''));
}
function entity(json) {
    const model = new models.OrganizationalEntity({ name: str(json.name) });
    for (const url of asStrings(json.url))
        model.url.add(url);
    for (const person of asObjects(json.contact))
        model.contact.add(contact(person));
    return model;
}
function contact(json) {
    return new models.OrganizationalContact({
        name: str(json.name),
        email: str(json.email),
        phone: str(json.phone),
    });
}
function isPositiveInteger(value) {
    return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
function str(value) {
    return typeof value === 'string' ? value : undefined;
}
function read_cyclonedx_json_asObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : undefined;
}
function asObjects(value) {
    return Array.isArray(value)
        ? value.filter((item) => read_cyclonedx_json_asObject(item) !== undefined)
        : [];
}
function asStrings(value) {
    return Array.isArray(value)
        ? value.filter((item) => typeof item === 'string')
        : [];
}
/** Object items of an array with their JSON paths (other items are found missing by report.ts). */
function forEachObject(value, path, visit) {
    if (!Array.isArray(value))
        return;
    value.forEach((item, index) => {
        const object = read_cyclonedx_json_asObject(item);
        if (object)
            visit(object, `${path}[${index}]`);
    });
}
function forEachString(value, path, visit) {
    if (!Array.isArray(value))
        return;
    value.forEach((item, index) => {
        if (typeof item === 'string')
            visit(item, `${path}[${index}]`);
    });
}

// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/xmlparser/XMLParser.js + 28 modules
var XMLParser = __webpack_require__(8879);
;// CONCATENATED MODULE: ./src/sbom/read-cyclonedx-xml.ts
// CycloneDX XML → the CycloneDX *JSON* shape, so one reader (read-cyclonedx-json.ts) builds the
// model and one comparison (report.ts) finds what was dropped, whatever the input syntax.
// The parser cannot be turned against the runner: DTDs are refused before parsing (CycloneDX
// never uses one), so external entities and entity expansion bombs never reach it; size and
// nesting depth are bounded.



const NAMESPACE = /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/;
const MAX_DEPTH = 64;
/** Wrapper elements whose children become a JSON array, and the child element each holds. */
const LISTS = {
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
};
/** Elements (as `parent/child`) that repeat directly under their parent; JSON holds them as arrays. */
const ORGANIZATIONS = ['supplier', 'manufacture', 'manufacturer', 'provider', 'organization'];
const REPEATED = new Set(ORGANIZATIONS.flatMap((parent) => [`${parent}/url`, `${parent}/contact`]));
/** Attributes whose JSON value is not a string, as `element@attribute`. */
const NUMERIC_ATTRIBUTES = new Set(['bom@version', 'swid@tagVersion']);
const BOOLEAN_ATTRIBUTES = new Set(['swid@patch']);
function looksLikeXml(text) {
    return /^\s*</.test(text);
}
function readCycloneDxXml(file, text) {
    if (/<!DOCTYPE|<!ENTITY/i.test(text))
        throw new errors/* SbomError */.SP(file, 'is XML with a DTD (<!DOCTYPE or <!ENTITY). DTDs are refused: they enable external-entity and entity-expansion attacks, and CycloneDX never uses them.', {
            hint: 'Remove the DOCTYPE declaration; a CycloneDX generator never writes one.',
        });
    let parsed;
    try {
        parsed = new XMLParser/* default */.A({
            ignoreAttributes: false,
            attributeNamePrefix: '@',
            textNodeName: '#text',
            removeNSPrefix: false,
            parseTagValue: false,
            parseAttributeValue: false,
            trimValues: true,
            isArray: () => true,
            maxNestedTags: MAX_DEPTH,
        }).parse(text, true);
    }
    catch (error) {
        throw new errors/* SbomError */.SP(file, `is not well-formed XML: ${error.message}`);
    }
    const bom = parsed.bom?.[0];
    if (bom === undefined)
        throw new errors/* SbomError */.SP(file, 'is XML but has no <bom> root element, so it is not CycloneDX XML.', {
            hint: `Accepted XML: CycloneDX ${spec_versions/* SUPPORTED_SPEC_VERSIONS */.R1.join('/')}.`,
        });
    const namespace = String(bom['@xmlns'] ?? '');
    const specVersion = NAMESPACE.exec(namespace)?.[1];
    if (specVersion === undefined)
        throw new errors/* SbomError */.SP(file, `has a <bom> root in namespace "${namespace}", not a CycloneDX namespace (http://cyclonedx.org/schema/bom/1.x).`);
    return { bomFormat: 'CycloneDX', specVersion, ...convertElement(bom, 'bom') };
}
function convertElement(node, name) {
    const result = {};
    for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('@')) {
            if (key === '@xmlns' || key.startsWith('@xmlns:') || key.startsWith('@schemaLocation'))
                continue;
            result[key.slice(1)] = attributeValue(`${name}${key}`, String(value));
        }
        else if (key !== '#text') {
            const children = value;
            result[key] = convertChildren(key, children, name);
        }
    }
    return special(name, node, result);
}
function convertChildren(key, children, parent) {
    const listItems = LISTS[key];
    // <tools> is a list of <tool> up to 1.4 and an object of <components>/<services> from 1.5 on.
    const isLegacyTools = key === 'tools' && children.some((child) => isNode(child) && 'tool' in child);
    if (listItems || isLegacyTools) {
        const wrapper = children[0];
        if (!isNode(wrapper))
            return [];
        const itemNames = isLegacyTools ? ['tool'] : (listItems ?? []);
        return Object.entries(wrapper).flatMap(([childName, items]) => itemNames.includes(childName)
            ? items.map((item) => convertValue(childName, item))
            : []);
    }
    // Evidence copyright is <copyright><text>…</text>…</copyright>; JSON: [{text}, …].
    if (parent === 'evidence' && key === 'copyright') {
        const wrapper = children[0];
        const texts = isNode(wrapper) ? (wrapper.text ?? []) : [];
        return texts.map((item) => ({ text: String(isNode(item) ? (item['#text'] ?? '') : item) }));
    }
    const converted = children.map((child) => convertValue(key, child));
    return REPEATED.has(`${parent}/${key}`) || (parent === 'dependency' && key === 'dependency')
        ? converted
        : converted[0];
}
/** Elements whose JSON form is an object even when the XML element holds only text. */
const ALWAYS_OBJECTS = new Set(['hash', 'property', 'expression', 'license', 'text', 'dependency']);
function convertValue(name, value) {
    if (!isNode(value))
        return ALWAYS_OBJECTS.has(name) ? special(name, { '#text': value }, {}) : String(value);
    const hasChildrenOrAttributes = Object.keys(value).some((key) => key !== '#text');
    if (!hasChildrenOrAttributes && !ALWAYS_OBJECTS.has(name))
        return String(value['#text'] ?? '');
    return convertElement(value, name);
}
/** Elements whose JSON shape differs from "attributes and children as keys". */
function special(name, node, converted) {
    const text = node['#text'] === undefined ? undefined : String(node['#text']);
    switch (name) {
        case 'hash':
            return { alg: converted.alg, content: text };
        case 'property':
            return { name: converted.name, value: text ?? '' };
        case 'expression':
            return {
                expression: text,
                ...(converted.acknowledgement ? { acknowledgement: converted.acknowledgement } : {}),
            };
        case 'license': {
            const { acknowledgement, ...license } = converted;
            return { license, ...(acknowledgement ? { acknowledgement } : {}) };
        }
        case 'text': {
            const { 'content-type': contentType, ...rest } = converted;
            return { ...rest, ...(contentType === undefined ? {} : { contentType }), content: text };
        }
        case 'dependency': {
            const { dependency, ...rest } = converted;
            const dependsOn = Array.isArray(dependency)
                ? dependency.map((child) => child.ref)
                : [];
            return dependsOn.length > 0 ? { ...rest, dependsOn } : rest;
        }
        default:
            return text === undefined ? converted : { ...converted, '#text': text };
    }
}
function attributeValue(qualifiedName, value) {
    if (NUMERIC_ATTRIBUTES.has(qualifiedName) && /^\d+$/.test(value))
        return Number(value);
    if (BOOLEAN_ATTRIBUTES.has(qualifiedName))
        return value === 'true';
    return value;
}
function isNode(value) {
    return typeof value === 'object' && value !== null;
}

// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/spdx.js
var spdx = __webpack_require__(1290);
;// CONCATENATED MODULE: ./src/sbom/read-spdx-json.ts
// SPDX 2.2 / 2.3 JSON → the library's Models.Bom. SPDX and CycloneDX overlap but do not match,
// so every field is either mapped (the table below), kept as a `spdx:*` property, or listed in
// the report as not carried over: nothing disappears without a word.




const read_spdx_json_HASH_ALGORITHMS = {
    MD5: enums.HashAlgorithm.MD5,
    SHA1: enums.HashAlgorithm['SHA-1'],
    SHA256: enums.HashAlgorithm['SHA-256'],
    SHA384: enums.HashAlgorithm['SHA-384'],
    SHA512: enums.HashAlgorithm['SHA-512'],
    'SHA3-256': enums.HashAlgorithm['SHA3-256'],
    'SHA3-384': enums.HashAlgorithm['SHA3-384'],
    'SHA3-512': enums.HashAlgorithm['SHA3-512'],
    'BLAKE2b-256': enums.HashAlgorithm['BLAKE2b-256'],
    'BLAKE2b-384': enums.HashAlgorithm['BLAKE2b-384'],
    'BLAKE2b-512': enums.HashAlgorithm['BLAKE2b-512'],
    BLAKE3: enums.HashAlgorithm.BLAKE3,
};
const PURPOSE_TYPES = {
    APPLICATION: enums.ComponentType.Application,
    FRAMEWORK: enums.ComponentType.Framework,
    LIBRARY: enums.ComponentType.Library,
    CONTAINER: enums.ComponentType.Container,
    'OPERATING-SYSTEM': enums.ComponentType.OperatingSystem,
    DEVICE: enums.ComponentType.Device,
    FIRMWARE: enums.ComponentType.Firmware,
    FILE: enums.ComponentType.File,
    INSTALL: enums.ComponentType.Application,
    ARCHIVE: enums.ComponentType.File,
    SOURCE: enums.ComponentType.Library,
    OTHER: enums.ComponentType.Library,
};
/** Relationship types that are a dependency edge; `reverse` means the *related* element depends on the element. */
const DEPENDENCY_RELATIONSHIPS = {
    DEPENDS_ON: { reverse: false },
    DYNAMIC_LINK: { reverse: false },
    STATIC_LINK: { reverse: false },
    CONTAINS: { reverse: false },
    HAS_PREREQUISITE: { reverse: false },
    DEPENDENCY_OF: { reverse: true },
    RUNTIME_DEPENDENCY_OF: { reverse: true },
    BUILD_DEPENDENCY_OF: { reverse: true },
    DEV_DEPENDENCY_OF: { reverse: true },
    OPTIONAL_DEPENDENCY_OF: { reverse: true },
    PROVIDED_DEPENDENCY_OF: { reverse: true },
    TEST_DEPENDENCY_OF: { reverse: true },
    CONTAINED_BY: { reverse: true },
    PREREQUISITE_FOR: { reverse: true },
};
/** Keys mapped to CycloneDX fields per element kind. */
const MAPPED_KEYS = {
    // dataLicense is always CC0-1.0 for the SPDX document itself, not for the software.
    document: new Set([
        'SPDXID',
        'spdxVersion',
        'creationInfo',
        'name',
        'dataLicense',
        'documentNamespace',
        'packages',
        'files',
        'relationships',
        'documentDescribes',
    ]),
    // filesAnalyzed says how the SPDX was made, nothing about the software.
    package: new Set([
        'SPDXID',
        'name',
        'versionInfo',
        'supplier',
        'originator',
        'downloadLocation',
        'homepage',
        'checksums',
        'externalRefs',
        'licenseConcluded',
        'licenseDeclared',
        'copyrightText',
        'description',
        'primaryPackagePurpose',
        'filesAnalyzed',
        'hasFiles',
    ]),
    file: new Set(['SPDXID', 'fileName', 'checksums', 'copyrightText', 'licenseConcluded']),
};
/** Keys with no CycloneDX field that are kept as `spdx:<key>` properties. Anything else is reported. */
const PROPERTY_KEYS = {
    document: ['comment'],
    package: [
        'packageFileName',
        'comment',
        'sourceInfo',
        'licenseComments',
        'summary',
        'licenseInfoFromFiles',
    ],
    file: [
        'comment',
        'noticeText',
        'fileTypes',
        'licenseComments',
        'licenseInfoInFiles',
        'fileContributors',
    ],
};
/** Values that mean "nothing said" in SPDX. */
const NO_VALUE = new Set(['NOASSERTION', 'NONE', '']);
function readSpdxJson(document) {
    const reader = new SpdxReader(document);
    return reader.read();
}
class SpdxReader {
    #document;
    #bom = new models.Bom();
    #elements = new Map();
    #dropped = [];
    #notes = [];
    /** hasFiles: [package id, file id], wired like CONTAINS once all elements exist. */
    #containedFiles = [];
    constructor(document) {
        this.#document = document;
    }
    read() {
        const doc = this.#document;
        const spdxVersion = String(doc.spdxVersion);
        this.#unmappedKeys(doc, '$', 'document');
        addSpdxProperties(this.#bom.metadata.properties, doc, 'document');
        this.#creationInfo(read_spdx_json_asObject(doc.creationInfo));
        if (typeof doc.documentNamespace === 'string')
            this.#bom.metadata.properties.add(new models.Property('spdx:documentNamespace', doc.documentNamespace));
        if (typeof doc.name === 'string')
            this.#bom.metadata.properties.add(new models.Property('spdx:documentName', doc.name));
        const packages = read_spdx_json_asObjects(doc.packages);
        const files = read_spdx_json_asObjects(doc.files);
        packages.forEach((pkg, index) => this.#package(pkg, `$.packages[${index}]`));
        files.forEach((entry, index) => this.#file(entry, `$.files[${index}]`));
        const relationships = read_spdx_json_asObjects(doc.relationships);
        const described = this.#describedElements(doc, relationships);
        const [root, ...otherRoots] = described;
        if (root !== undefined) {
            this.#bom.metadata.component = root;
            if (otherRoots.length > 0)
                this.#notes.push(`the document describes ${described.length} elements; ${root.name} became metadata.component, the others stay components.`);
        }
        for (const component of this.#elements.values())
            if (component !== root)
                this.#bom.components.add(component);
        this.#relationships(relationships);
        return {
            bom: this.#bom,
            spdxVersion,
            dropped: this.#dropped,
            notes: this.#notes,
            elementCount: packages.length + files.length,
            relationshipCount: relationships.length,
        };
    }
    #creationInfo(info) {
        if (!info)
            return;
        const created = typeof info.created === 'string' ? new Date(info.created) : undefined;
        if (created && !Number.isNaN(created.getTime()))
            this.#bom.metadata.timestamp = created;
        for (const creator of read_spdx_json_asStrings(info.creators)) {
            const [kind, ...rest] = creator.split(':');
            const value = rest.join(':').trim();
            if (kind === 'Tool') {
                // "Tool: name-1.2.3": SPDX has no separate version field; split at the last dash before a digit.
                const match = /^(.*?)-(\d[^\s]*)$/.exec(value);
                this.#bom.metadata.tools.components.add(new models.Component(enums.ComponentType.Application, match?.[1] ?? value, {
                    version: match?.[2],
                }));
            }
            else if (kind === 'Person')
                this.#bom.metadata.authors.add(contactFrom(value));
            else if (kind === 'Organization')
                this.#bom.metadata.manufacture ??= new models.OrganizationalEntity({
                    name: stripEmail(value),
                });
        }
    }
    #package(pkg, path) {
        this.#unmappedKeys(pkg, path, 'package');
        const id = read_spdx_json_str(pkg.SPDXID);
        const name = read_spdx_json_str(pkg.name);
        if (id === undefined || name === undefined) {
            this.#drop(path, 'an SPDX package without SPDXID or name cannot become a component');
            return;
        }
        const purpose = read_spdx_json_str(pkg.primaryPackagePurpose);
        const component = new models.Component(PURPOSE_TYPES[purpose ?? ''] ?? enums.ComponentType.Library, name, {
            bomRef: id,
            version: value(pkg.versionInfo),
            description: value(pkg.description) ?? value(pkg.summary),
            copyright: value(pkg.copyrightText),
            author: value(pkg.originator)?.replace(/^(Person|Organization):\s*/, ''),
            hashes: this.#hashes(pkg.checksums, `${path}.checksums`),
        });
        const supplier = value(pkg.supplier);
        if (supplier)
            component.supplier = new models.OrganizationalEntity({
                name: stripEmail(supplier.replace(/^(Person|Organization):\s*/, '')),
            });
        const download = value(pkg.downloadLocation);
        if (download)
            component.externalReferences.add(new models.ExternalReference(download, enums.ExternalReferenceType.Distribution));
        const homepage = value(pkg.homepage);
        if (homepage)
            component.externalReferences.add(new models.ExternalReference(homepage, enums.ExternalReferenceType.Website));
        this.#externalRefs(component, read_spdx_json_asObjects(pkg.externalRefs), `${path}.externalRefs`);
        addSpdxLicenses(component, value(pkg.licenseDeclared), value(pkg.licenseConcluded));
        addSpdxProperties(component.properties, pkg, 'package', component.description);
        for (const fileId of read_spdx_json_asStrings(pkg.hasFiles))
            this.#containedFiles.push([id, fileId]);
        this.#elements.set(id, component);
    }
    #file(entry, path) {
        this.#unmappedKeys(entry, path, 'file');
        const id = read_spdx_json_str(entry.SPDXID);
        const name = read_spdx_json_str(entry.fileName);
        if (id === undefined || name === undefined) {
            this.#drop(path, 'an SPDX file without SPDXID or fileName cannot become a component');
            return;
        }
        const component = new models.Component(enums.ComponentType.File, name, {
            bomRef: id,
            copyright: value(entry.copyrightText),
            hashes: this.#hashes(entry.checksums, `${path}.checksums`),
        });
        addSpdxLicenses(component, undefined, value(entry.licenseConcluded));
        addSpdxProperties(component.properties, entry, 'file');
        this.#elements.set(id, component);
    }
    #hashes(json, path) {
        const hashes = new models.HashDictionary();
        read_spdx_json_asObjects(json).forEach((checksum, index) => {
            const algorithm = read_spdx_json_HASH_ALGORITHMS[String(checksum.algorithm)];
            if (algorithm && typeof checksum.checksumValue === 'string')
                hashes.set(algorithm, checksum.checksumValue.toLowerCase());
            else
                this.#drop(`${path}[${index}]`, `checksum algorithm ${String(checksum.algorithm)} has no CycloneDX equivalent`);
        });
        return hashes;
    }
    #externalRefs(component, refs, path) {
        refs.forEach((ref, index) => {
            const type = read_spdx_json_str(ref.referenceType);
            const locator = read_spdx_json_str(ref.referenceLocator);
            if (locator === undefined)
                return this.#drop(`${path}[${index}]`, 'external reference without locator');
            if (type === 'purl' && component.purl === undefined)
                component.purl = locator;
            else if ((type === 'cpe23Type' || type === 'cpe22Type') &&
                component.cpe === undefined &&
                (0,types.isCPE)(locator))
                component.cpe = locator;
            else if (type === 'advisory' || type === 'fix' || type === 'url' || type === 'securityOther')
                component.externalReferences.add(new models.ExternalReference(locator, type === 'advisory'
                    ? enums.ExternalReferenceType.Advisories
                    : enums.ExternalReferenceType.Other, {
                    comment: `SPDX ${ref.referenceCategory} ${type}`,
                }));
            // A second purl or CPE, or a type CycloneDX has no field for: keep the fact as a property.
            else
                component.properties.add(new models.Property(`spdx:externalRef:${type ?? 'unknown'}`, locator));
        });
    }
    #describedElements(doc, relationships) {
        const ids = new Set(read_spdx_json_asStrings(doc.documentDescribes));
        for (const relationship of relationships) {
            if (relationship.spdxElementId === doc.SPDXID &&
                relationship.relationshipType === 'DESCRIBES')
                ids.add(String(relationship.relatedSpdxElement));
            if (relationship.relatedSpdxElement === doc.SPDXID &&
                relationship.relationshipType === 'DESCRIBED_BY')
                ids.add(String(relationship.spdxElementId));
        }
        return [...ids]
            .map((id) => this.#elements.get(id))
            .filter((component) => component !== undefined);
    }
    #relationships(relationships) {
        const unmapped = new Map();
        relationships.forEach((relationship) => {
            const type = String(relationship.relationshipType);
            if (type === 'DESCRIBES' || type === 'DESCRIBED_BY')
                return;
            const mapping = DEPENDENCY_RELATIONSHIPS[type];
            const element = this.#elements.get(String(relationship.spdxElementId));
            const related = this.#elements.get(String(relationship.relatedSpdxElement));
            if (!mapping || !element || !related) {
                const reason = !mapping ? type : `${type} to an element outside this document`;
                unmapped.set(reason, (unmapped.get(reason) ?? 0) + 1);
                return;
            }
            const [dependent, dependency] = mapping.reverse ? [related, element] : [element, related];
            if (dependent !== dependency)
                dependent.dependencies.add(dependency.bomRef);
        });
        for (const [packageId, fileId] of this.#containedFiles) {
            const file = this.#elements.get(fileId);
            if (file)
                this.#elements.get(packageId)?.dependencies.add(file.bomRef);
        }
        for (const [reason, count] of unmapped)
            this.#drop('$.relationships[]', `${count} relationship(s) ${reason} have no CycloneDX dependency equivalent`);
    }
    #unmappedKeys(json, path, kind) {
        const kept = PROPERTY_KEYS[kind];
        for (const key of Object.keys(json))
            if (!MAPPED_KEYS[kind].has(key) && !kept.includes(key))
                this.#drop(`${path}.${key}`, 'SPDX field with no CycloneDX mapping');
    }
    #drop(example, reason) {
        const path = example.replace(/\[\d+\]/g, '[]');
        const known = this.#dropped.find((entry) => entry.path === path && entry.reason === reason);
        if (!known)
            this.#dropped.push({ path, example, reason });
    }
}
function addSpdxProperties(target, json, kind, alreadyUsedAs) {
    for (const key of PROPERTY_KEYS[kind]) {
        const raw = json[key];
        const values = Array.isArray(raw) ? read_spdx_json_asStrings(raw) : [value(raw)];
        for (const text of values)
            // summary became the description when there was none: not twice.
            if (text !== undefined && !NO_VALUE.has(text) && text !== alreadyUsedAs)
                target.add(new models.Property(`spdx:${key}`, text));
    }
}
/** Declared wins (it is what the author said); a different concluded license is kept as a property. */
function addSpdxLicenses(component, declared, concluded) {
    const chosen = declared ?? concluded;
    if (chosen === undefined)
        return;
    component.licenses.add((0,spdx.isSupportedSpdxId)(chosen)
        ? new models.SpdxLicense(chosen)
        : new models.LicenseExpression(chosen));
    if (declared !== undefined && concluded !== undefined && concluded !== declared)
        component.properties.add(new models.Property('spdx:licenseConcluded', concluded));
}
function contactFrom(text) {
    const email = /\(([^)]*@[^)]*)\)/.exec(text)?.[1];
    return new models.OrganizationalContact({
        name: stripEmail(text),
        email: email?.trim() || undefined,
    });
}
function stripEmail(text) {
    return text.replace(/\s*\([^)]*\)\s*$/, '').trim();
}
function value(raw) {
    return typeof raw === 'string' && !NO_VALUE.has(raw.trim()) ? raw : undefined;
}
function read_spdx_json_str(raw) {
    return typeof raw === 'string' ? raw : undefined;
}
function read_spdx_json_asObject(raw) {
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : undefined;
}
function read_spdx_json_asObjects(raw) {
    return Array.isArray(raw) ? raw.filter((item) => read_spdx_json_asObject(item) !== undefined) : [];
}
function read_spdx_json_asStrings(raw) {
    return Array.isArray(raw) ? raw.filter((item) => typeof item === 'string') : [];
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./node_modules/xmllint-wasm/index-node.js
var index_node = __webpack_require__(2284);
;// CONCATENATED MODULE: ./src/sbom/validate-xml.ts
// CycloneDX XML input against the XSD of the version it declares, with libxml2 compiled to
// WebAssembly (xmllint-wasm): no native addon, no network. Only called after
// read-cyclonedx-xml.ts has refused DTDs, so no entity is ever resolved.






// Bundled: dist/cyclonedx/res/schema (scripts/finish-bundle.mjs). From source: the library's own copy.
const here = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
const SCHEMA_DIRECTORIES = [
    (0,external_node_path_.join)(here, 'cyclonedx', 'res', 'schema'),
    (0,external_node_path_.join)(here, '..', '..', 'node_modules', '@cyclonedx', 'cyclonedx-library', 'res', 'schema'),
];
// 32 MiB of wasm memory (xmllint-wasm's default) is too little for large SBOMs; 1 GiB is the ceiling.
const MAX_MEMORY_PAGES = 16_384;
async function findXmlSchemaProblems(xml, version, file) {
    const directory = SCHEMA_DIRECTORIES.find((candidate) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(candidate, 'spdx.SNAPSHOT.xsd')));
    if (directory === undefined)
        throw new errors/* SbomError */.SP(file, 'could not be validated: the CycloneDX XML schemas are missing.', {
            hint: 'This is a problem of the action, not of your SBOM: please report it.',
        });
    let result;
    try {
        result = await (0,index_node/* validateXML */.K)({
            xml: [{ fileName: 'input.xml', contents: xml }],
            schema: [
                {
                    fileName: 'bom.xsd',
                    contents: await (0,promises_.readFile)((0,external_node_path_.join)(directory, `bom-${version}.SNAPSHOT.xsd`), 'utf8'),
                },
            ],
            // The XSDs import the SPDX license list by this file name.
            preload: [
                {
                    fileName: 'spdx.SNAPSHOT.xsd',
                    contents: await (0,promises_.readFile)((0,external_node_path_.join)(directory, 'spdx.SNAPSHOT.xsd'), 'utf8'),
                },
            ],
            maxMemoryPages: MAX_MEMORY_PAGES,
        });
    }
    catch (error) {
        throw new errors/* SbomError */.SP(file, `could not be validated against the CycloneDX ${version} XML schema: ${error.message}`, {
            cause: error,
            hint: 'This is a problem of the action, not of your SBOM: please report it.',
        });
    }
    return result.errors.map((error) => ({
        path: error.loc ? `line ${error.loc.lineNumber}` : '',
        message: error.message
            .replace(/^Schemas validity error : /, '')
            .replace(/\{http:\/\/cyclonedx\.org\/schema\/bom\/[\d.]+\}/g, ''),
    }));
}

// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/index.node.js
var serialize_index_node = __webpack_require__(1248);
;// CONCATENATED MODULE: ./src/sbom/serialize.ts


const INDENT = 2;
/**
 * The library's serializer at the target spec: lists sorted, 2-space indent, final newline. What
 * the target spec cannot hold is left out by the library's normalizers (they consult the spec
 * object's `supports*` data); report.ts lists it. Run enrichBom first: it makes bom-refs stable,
 * without which the library invents random ones.
 */
function serializeBom(bom, target) {
    const serializer = new serialize_index_node.JsonSerializer(new serialize_index_node.JSON.Normalize.Factory((0,spec_versions/* specOf */.rI)(target)));
    const json = serializer.serialize(bom, { sortLists: true, space: INDENT });
    const document = JSON.parse(json);
    return {
        json: tidy(document) ? `${JSON.stringify(document, null, INDENT)}\n` : `${json}\n`,
        document,
    };
}
/**
 * Only `metadata`, as `{"metadata": …}` at the spec: the lossless reference for losses that are all
 * in metadata (report.ts counts shapes in it; the rest of the document is not needed for that).
 */
function serializeMetadata(bom, target) {
    const normalizer = new serialize_index_node.JSON.Normalize.Factory((0,spec_versions/* specOf */.rI)(target)).makeForMetadata();
    return JSON.stringify({ metadata: normalizer.normalize(bom.metadata, { sortLists: true }) });
}
/**
 * Two leftovers of the library's normalizers when the target spec drops something, removed so the
 * output says nothing it does not mean (and normalizing it again yields the same bytes):
 *  - dependency entries, dependsOn items and vulnerability `affects` naming a component that the
 *    target spec left out (the dependency graph is built from the model, not from the output);
 *  - lists left empty because every item was of a kind the target lacks (`externalReferences: []`).
 * The document's own `components` list stays, as the library always writes it.
 * Returns whether anything changed.
 */
function tidy(document) {
    const refs = collectBomRefs(document);
    let changed = false;
    if (Array.isArray(document.dependencies)) {
        const kept = document.dependencies.filter((entry) => refs.has(entry.ref));
        changed ||= kept.length !== document.dependencies.length;
        document.dependencies = kept;
        for (const entry of kept)
            changed = keepKnownRefs(entry, 'dependsOn', refs) || changed;
    }
    for (const vulnerability of serialize_array(document.vulnerabilities)) {
        const affects = serialize_array(vulnerability.affects);
        const known = affects.filter((affect) => refs.has(affect.ref));
        if (known.length === affects.length)
            continue;
        vulnerability.affects = known;
        changed = true;
    }
    for (const value of Object.values(document))
        changed = removeEmptyLists(value) || changed;
    for (const key of Object.keys(document))
        if (key !== 'components' && isEmptyList(document[key])) {
            delete document[key];
            changed = true;
        }
    return changed;
}
function keepKnownRefs(entry, key, refs) {
    const values = entry[key];
    if (!Array.isArray(values))
        return false;
    const known = values.filter((value) => refs.has(value));
    if (known.length === values.length)
        return false;
    entry[key] = known;
    return true;
}
/** bom-refs of every component (metadata.component's tree too) and service in the output. */
function collectBomRefs(document) {
    const refs = new Set();
    const visit = (item, nested) => {
        if (typeof item['bom-ref'] === 'string')
            refs.add(item['bom-ref']);
        for (const child of serialize_array(item[nested]))
            visit(child, nested);
    };
    const metadata = serialize_object(document.metadata);
    if (metadata.component !== undefined)
        visit(serialize_object(metadata.component), 'components');
    for (const component of serialize_array(document.components))
        visit(component, 'components');
    for (const service of serialize_array(document.services))
        visit(service, 'services');
    return refs;
}
/** Removes empty arrays below `value`; returns whether it removed any. */
function removeEmptyLists(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    let changed = false;
    if (Array.isArray(value)) {
        for (const item of value)
            changed = removeEmptyLists(item) || changed;
        return changed;
    }
    const record = value;
    for (const [key, child] of Object.entries(record)) {
        if (isEmptyList(child)) {
            delete record[key];
            changed = true;
        }
        else
            changed = removeEmptyLists(child) || changed;
    }
    return changed;
}
function isEmptyList(value) {
    return Array.isArray(value) && value.length === 0;
}
function serialize_array(value) {
    return Array.isArray(value) ? value : [];
}
function serialize_object(value) {
    return typeof value === 'object' && value !== null ? value : {};
}

// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(8995);
// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var dist_ajv = __webpack_require__(2463);
// EXTERNAL MODULE: ./node_modules/ajv-formats/dist/index.js
var dist = __webpack_require__(2815);
var dist_default = /*#__PURE__*/__webpack_require__.n(dist);
// EXTERNAL MODULE: ./node_modules/ajv-formats-draft2019/index.js
var ajv_formats_draft2019 = __webpack_require__(6328);
var ajv_formats_draft2019_default = /*#__PURE__*/__webpack_require__.n(ajv_formats_draft2019);
// EXTERNAL MODULE: ./node_modules/fast-deep-equal/index.js
var fast_deep_equal = __webpack_require__(3430);
var fast_deep_equal_default = /*#__PURE__*/__webpack_require__.n(fast_deep_equal);
;// CONCATENATED MODULE: ./src/sbom/schema-validator.ts
// CycloneDX JSON schema validation in linear time. The library's JsonStrictValidator compiles the
// same schemas with ajv, but ajv checks `uniqueItems` on lists of objects by comparing every pair
// of items: quadratic, and minutes for SBOMs with tens of thousands of components. Here the same
// schema files are compiled with the same ajv options and formats, except that every
// `uniqueItems: true` becomes a keyword of ours that finds duplicates in one pass (see
// findDuplicate), with ajv's own notion of equality. Same verdicts (the tests compare both over
// the CycloneDX test suite and synthetic SBOMs); linear time.








const UNIQUE_KEYWORD = 'x-unique-items';
// Schema file of each version, as the library maps JsonStrictValidator's (1.2/1.3 have strict
// variants; later versions are strict themselves).
const SCHEMA_FILES = {
    '1.2': 'bom-1.2-strict.SNAPSHOT.schema.json',
    '1.3': 'bom-1.3-strict.SNAPSHOT.schema.json',
    '1.4': 'bom-1.4.SNAPSHOT.schema.json',
    '1.5': 'bom-1.5.SNAPSHOT.schema.json',
    '1.6': 'bom-1.6.SNAPSHOT.schema.json',
    '1.7': 'bom-1.7.SNAPSHOT.schema.json',
};
const REFERENCED_SCHEMAS = {
    'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': 'spdx.SNAPSHOT.schema.json',
    'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json': 'cryptography-defs.SNAPSHOT.schema.json',
    'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': 'jsf-0.82.SNAPSHOT.schema.json',
};
const compiled = new Map();
/** The validator of one spec version, compiled on first use. Throws when the schemas are missing. */
function linearValidator(version) {
    let validate = compiled.get(version);
    if (validate === undefined) {
        validate = compile(version);
        compiled.set(version, validate);
    }
    const run = validate;
    return (document) => {
        return run(document) ? [] : (run.errors ?? []).map((error) => toFailure(error));
    };
}
function compile(version) {
    const directory = schemaDirectory();
    const load = (file) => withLinearUniqueness(JSON.parse((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(directory, file), 'utf8')));
    const schemas = Object.fromEntries(Object.entries(REFERENCED_SCHEMAS).map(([id, file]) => [id, load(file)]));
    // The options the library gives ajv, plus allErrors: every problem at once.
    const ajv = new dist_ajv.Ajv({
        useDefaults: false,
        strict: false,
        strictSchema: false,
        addUsedSchema: false,
        allErrors: true,
        schemas,
    });
    // ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
    const addFormats = ((dist_default())["default"] ?? (dist_default()));
    addFormats(ajv);
    ajv_formats_draft2019_default()(ajv, { formats: ['idn-email'] });
    ajv.addFormat('iri-reference', true);
    ajv.addKeyword({
        keyword: UNIQUE_KEYWORD,
        type: 'array',
        errors: true,
        validate: function unique(_schema, data) {
            const duplicate = findDuplicate(data);
            if (duplicate === undefined)
                return true;
            unique.errors = [
                {
                    keyword: 'uniqueItems',
                    message: `must NOT have duplicate items (items ## ${duplicate.second} and ${duplicate.first} are identical)`,
                    params: { i: duplicate.second, j: duplicate.first },
                },
            ];
            return false;
        },
    });
    return ajv.compile(load(SCHEMA_FILES[version]));
}
/** Replaces every `uniqueItems: true` in a schema by our linear keyword. */
function withLinearUniqueness(schema) {
    if (Array.isArray(schema))
        return schema.map(withLinearUniqueness);
    if (typeof schema !== 'object' || schema === null)
        return schema;
    const copy = {};
    for (const [key, value] of Object.entries(schema)) {
        if (key === 'uniqueItems' && value === true)
            copy[UNIQUE_KEYWORD] = true;
        // enum/const hold data, not schemas.
        else if (key === 'enum' || key === 'const' || key === 'examples' || key === 'default')
            copy[key] = value;
        else
            copy[key] = withLinearUniqueness(value);
    }
    return copy;
}
/** Items compared pairwise within one bucket before the bucket switches to canonical encodings. */
const PAIRWISE_LIMIT = 8;
// Members whose values tell list items apart in CycloneDX (components, dependencies, services,
// vulnerabilities, …). Deep-equal items agree on every member, so on these too: any fixed set of
// names is a correct bucket key, and these make real lists one item per bucket.
const IDENTIFYING_MEMBERS = ['bom-ref', 'ref', 'name', 'version', 'id', 'url'];
/**
 * First pair of deep-equal items (ajv's equality, fast-deep-equal: key order does not matter), in
 * linear time. Items are bucketed by what deep-equal items must share (bucketKey). Within a
 * bucket, items are compared pairwise up to a few, then by canonical encoding, so no input makes
 * it quadratic.
 */
function findDuplicate(items) {
    const buckets = new Map();
    for (let index = 0; index < items.length; index += 1) {
        const item = items[index];
        const key = bucketKey(item);
        const bucket = buckets.get(key);
        if (bucket === undefined) {
            buckets.set(key, { members: [index] });
            continue;
        }
        if (bucket.encodings === undefined && bucket.members.length < PAIRWISE_LIMIT) {
            const twin = bucket.members.find((member) => fast_deep_equal_default()(items[member], item));
            if (twin !== undefined)
                return { first: twin, second: index };
            bucket.members.push(index);
            continue;
        }
        bucket.encodings ??= new Map(bucket.members.map((member) => [canonical(items[member]), member]));
        const encoding = canonical(item);
        const twin = bucket.encodings.get(encoding);
        if (twin !== undefined)
            return { first: twin, second: index };
        bucket.encodings.set(encoding, index);
    }
    return undefined;
}
/** A scalar as itself; an array by its length; an object by its identifying members' scalars. */
function bucketKey(value) {
    if (typeof value !== 'object' || value === null)
        return `=${JSON.stringify(value)}`;
    if (Array.isArray(value))
        return `[${value.length}`;
    let key = '{';
    for (const name of IDENTIFYING_MEMBERS) {
        const member = value[name];
        key += typeof member === 'object' && member !== null ? '\u0000' : `${JSON.stringify(member)},`;
    }
    return key;
}
/** JSON with object keys sorted, so deep-equal values encode equally. */
function canonical(value) {
    if (typeof value !== 'object' || value === null)
        return JSON.stringify(value) ?? 'undefined';
    let text;
    if (Array.isArray(value)) {
        text = '[';
        for (let index = 0; index < value.length; index += 1)
            text += (index === 0 ? '' : ',') + canonical(value[index]);
        text += ']';
    }
    else {
        const keys = Object.keys(value);
        if (!isSorted(keys))
            keys.sort();
        text = '{';
        for (let index = 0; index < keys.length; index += 1) {
            const key = keys[index];
            text += `${index === 0 ? '' : ','}${JSON.stringify(key)}:${canonical(value[key])}`;
        }
        text += '}';
    }
    return text;
}
function isSorted(keys) {
    for (let index = 1; index < keys.length; index += 1)
        if (keys[index - 1] > keys[index])
            return false;
    return true;
}
function toFailure(error) {
    return {
        instancePath: error.instancePath,
        keyword: error.keyword === UNIQUE_KEYWORD ? 'uniqueItems' : error.keyword,
        message: error.message,
        params: error.params,
    };
}
/**
 * Where the CycloneDX schema files are: beside the bundle (`npm run build` copies them to
 * dist/cyclonedx/res/schema), else in the installed library (tests run the sources).
 */
function schemaDirectory() {
    const here = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
    const bundled = (0,external_node_path_.join)(here, 'cyclonedx', 'res', 'schema');
    if ((0,external_node_fs_.existsSync)(bundled))
        return bundled;
    const manifest = (0,external_node_module_.createRequire)(import.meta.url).resolve('@cyclonedx/cyclonedx-library/package.json');
    return (0,external_node_path_.join)((0,external_node_path_.dirname)(manifest), 'res', 'schema');
}

;// CONCATENATED MODULE: ./src/sbom/validate.ts
// Schema validation of CycloneDX JSON, in linear time (schema-validator.ts: the library's schemas,
// with its validator's verdicts). "Invalid" is a result (SbomSchemaError listing every failing
// JSON path); "could not validate" (a schema file missing, e.g. in a bundle that lost them) is a
// different error, so a broken setup is never mistaken for a bad SBOM, nor passes silently.


/** Invalid → SbomSchemaError naming each failing path; could not validate → SbomError. */
function validateCycloneDxJson(json, spec, fileName) {
    const problems = findSchemaProblems(JSON.parse(json), spec, fileName);
    if (problems.length > 0)
        throw new SbomSchemaError(fileName, spec, problems);
}
/** Every way a parsed `document` breaks the CycloneDX `version` JSON schema; empty when valid. */
function findSchemaProblems(document, version, file) {
    let failures;
    try {
        failures = linearValidator(version)(document);
    }
    catch (error) {
        throw new errors/* SbomError */.SP(file, `could not be validated against the CycloneDX ${version} JSON schema: ${error.message}`, {
            cause: error,
            hint: 'This is a problem of the action, not of your SBOM: please report it.',
        });
    }
    return failures.map((failure) => ({
        path: failure.instancePath,
        message: describeFailure(failure),
        keyword: failure.keyword,
    }));
}
/** Removals the format repair makes at most before it gives up and reports the document invalid. */
const MAX_FORMAT_REPAIRS = 200;
/**
 * The normalized output must be schema-valid. One kind of failure is repaired: a value of the
 * wrong *format* (an e-mail without a domain dot, …) that an older spec or the XML schema
 * allowed is removed, and returned so the report lists it. Anything else, or a removal that
 * leaves the document invalid (a required value), is an error naming the JSON paths.
 *
 * Repairing is a loop: a removal can uncover another problem (an emptied list, say), so after
 * removing what was reported, validate again.
 */
function validateOutput({ json, document }, target, file) {
    let problems = findSchemaProblems(document, target, file);
    if (problems.length === 0)
        return { json, document, removed: [] };
    const removed = [];
    let repaired = json;
    while (problems.length > 0) {
        if (problems.some((problem) => problem.keyword !== 'format') ||
            removed.length + problems.length > MAX_FORMAT_REPAIRS)
            throw new errors/* SbomSchemaError */.X8(file, target, problems);
        // Deepest and last array items first, so earlier removals do not shift later pointers.
        const ordered = [...problems].sort((a, b) => b.path.localeCompare(a.path, 'en', { numeric: true }));
        for (const problem of ordered)
            removed.push({
                pointer: problem.path,
                value: removeAtPointer(document, problem.path),
                message: problem.message,
            });
        repaired = `${JSON.stringify(document, null, 2)}\n`;
        problems = findSchemaProblems(document, target, file);
    }
    return { json: repaired, document, removed };
}
function removeAtPointer(document, pointer) {
    const keys = pointer
        .split('/')
        .slice(1)
        .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop();
    let parent = document;
    for (const key of keys)
        parent = parent[key];
    if (last === undefined)
        return undefined;
    const value = parent[last];
    if (Array.isArray(parent))
        parent.splice(Number(last), 1);
    else
        delete parent[last];
    return value;
}
/** ajv's message plus what it leaves in `params`: allowed values, the offending property, the pattern. */
function describeFailure(failure) {
    const params = failure.params;
    const detail = 'allowedValues' in params
        ? ` (allowed: ${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')})`
        : 'allowedValue' in params
            ? ` (allowed: ${JSON.stringify(params.allowedValue)})`
            : 'additionalProperty' in params
                ? ` (${JSON.stringify(params.additionalProperty)})`
                : 'pattern' in params
                    ? ` (pattern ${String(params.pattern)})`
                    : '';
    return `${failure.message ?? 'invalid'}${detail}`;
}

;// CONCATENATED MODULE: ./src/sbom/normalize.ts












// Far above any real SBOM; past it, parsing alone would exhaust the runner.
const MAX_INPUT_BYTES = 512 * 1024 * 1024;
/** One input file → one validated, enriched CycloneDX document at the target spec, plus its report. */
async function normalizeSbom(request) {
    const { file, targetSpecVersion: target } = request;
    const text = decodeInput(file, request.content);
    const xml = looksLikeXml(text);
    const document = xml ? readCycloneDxXml(file, text) : parseJsonDocument(file, text);
    const read = readDocument(file, document, xml);
    const inputProblems = await checkInput(file, text, document, read, request.inputValidation);
    const notes = [...read.notes, ...enrichBom(read.bom, request)];
    const validated = validateOutput(serializeBom(read.bom, target), target, file);
    const output = validated.document;
    const after = countContent(output);
    return {
        entryName: entryNameFor(file),
        json: validated.json,
        componentCount: after.components,
        bom: read.bom,
        report: {
            file,
            sourceFormat: read.format,
            sourceSpecVersion: read.sourceVersion,
            targetSpecVersion: target,
            before: read.before,
            after,
            dropped: listDropped(read, output, validated, target),
            inputProblems,
            notes,
        },
    };
}
/**
 * Everything that did not reach the output, each kind once: what the reader refused, components
 * the target spec has no type for, values removed by the schema repair, and whatever else the
 * input/output comparison finds.
 */
function listDropped(read, output, validated, target) {
    const unsupported = findComponentsTargetCannotHold(read.reference, target, read.refusedPaths);
    const repairs = validated.removed.map((entry) => ({
        ...pathsOfPointer(entry.pointer),
        reason: `value ${JSON.stringify(entry.value)} removed: ${entry.message} in CycloneDX ${target}`,
    }));
    // The same model at the newest spec tells "the target spec cannot hold it" from "never modelled".
    const lossless = (lostPaths) => {
        if (target === spec_versions/* NEWEST_SPEC_VERSION */.QN)
            return output;
        // Typical losses (1.5+ tool shapes at 1.4) are all in metadata: serializing only that part
        // spares a second serialization of every component.
        if (lostPaths.every((path) => path.startsWith('$.metadata.')))
            return JSON.parse(serializeMetadata(read.bom, spec_versions/* NEWEST_SPEC_VERSION */.QN));
        return serializeBom(read.bom, spec_versions/* NEWEST_SPEC_VERSION */.QN).document;
    };
    const compared = findDroppedData({
        input: read.reference,
        output,
        target,
        lossless,
        alreadyReported: [...read.refusedPaths, ...unsupported.paths],
    }).filter((entry) => !repairs.some((repair) => repair.path === entry.path));
    return [...read.dropped, ...unsupported.dropped, ...compared, ...repairs];
}
/** merge: true — the already normalized SBOMs as one document, validated like each of them. */
async function mergeSboms(sboms, request) {
    const merged = mergeBoms(sboms.map((sbom) => ({ file: sbom.report.file, bom: sbom.bom })), request);
    const notes = [...merged.notes, ...enrichBom(merged.bom, request)];
    const { json, document } = serializeBom(merged.bom, request.targetSpecVersion);
    const name = `${request.packageName}-${request.versionName}.cdx.json`;
    const problems = findSchemaProblems(document, request.targetSpecVersion, `merged SBOM ${name}`);
    if (problems.length > 0)
        throw new errors/* SbomSchemaError */.X8(`merged SBOM ${name}`, request.targetSpecVersion, problems);
    return {
        entryName: name,
        json,
        componentCount: countContent(document).components,
        notes,
    };
}
function readDocument(file, document, fromXml) {
    if (fromXml || detectFormat(file, document) === 'CycloneDX JSON') {
        const read = readCycloneDxJson(file, document);
        return {
            format: fromXml ? 'CycloneDX XML' : 'CycloneDX JSON',
            sourceVersion: read.specVersion,
            bom: read.bom,
            before: countContent(document),
            reference: document,
            dropped: read.dropped,
            refusedPaths: read.refusedPaths,
            notes: [...read.notes],
        };
    }
    const read = readSpdxJson(document);
    // The converted model at the newest spec is the lossless reference: whatever is missing from
    // the output compared with it, the target spec could not hold.
    const reference = serializeBom(read.bom, spec_versions/* NEWEST_SPEC_VERSION */.QN).document;
    return {
        format: 'SPDX JSON',
        sourceVersion: read.spdxVersion,
        bom: read.bom,
        // Like the output's count, the described root (now metadata.component) is not a component.
        before: {
            ...countContent(reference),
            components: read.elementCount - (read.bom.metadata.component ? 1 : 0),
        },
        reference,
        dropped: read.dropped,
        // The SPDX reader's paths are SPDX paths, not paths of the CycloneDX reference.
        refusedPaths: new Set(),
        notes: read.notes,
    };
}
/** CycloneDX input (JSON or XML) against the schema of the version it declares. SPDX: no schema is bundled. */
async function checkInput(file, text, document, read, mode = 'warn') {
    if (mode === 'skip')
        return [];
    if (read.format === 'SPDX JSON') {
        read.notes.push('SPDX input is not schema-checked (no SPDX schema is bundled); its normalized output is.');
        return [];
    }
    const version = read.sourceVersion;
    const problems = read.format === 'CycloneDX XML'
        ? await findXmlSchemaProblems(text, version, file)
        : findSchemaProblems(document, version, file);
    if (problems.length > 0 && mode === 'strict')
        throw new errors/* SbomSchemaError */.X8(file, version, problems, 'input', read.format === 'CycloneDX XML' ? 'XML' : 'JSON');
    return problems;
}
/** Size limit first (before any copy), then strict UTF-8. */
function decodeInput(file, content) {
    const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length;
    if (bytes > MAX_INPUT_BYTES)
        throw new errors/* SbomError */.SP(file, `is ${bytes} bytes, over the ${MAX_INPUT_BYTES / 1024 / 1024} MiB limit for one SBOM.`, { hint: 'Split the SBOM (several files go into one zip) or point `sbom` at the right file.' });
    return typeof content === 'string' ? content : decodeUtf8(file, content);
}
function decodeUtf8(file, bytes) {
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        throw new errors/* SbomError */.SP(file, 'is not valid UTF-8 text.', {
            hint: 'SBOM JSON must be UTF-8 encoded.',
        });
    }
}
function entryNameFor(file) {
    const base = file
        .slice(file.lastIndexOf('/') + 1)
        .replace(/\.(cdx\.json|bom\.json|json|cdx\.xml|bom\.xml|xml)$/i, '');
    return `${base || 'sbom'}.cdx.json`;
}

// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/index.js
var spec = __webpack_require__(4321);
;// CONCATENATED MODULE: ./src/sources/locate-sbom-files.ts



const GLOB_CHARACTERS = /[*?[\]{}]/;
/**
 * Turns the `sbom` input (paths, globs, one per line) into existing regular files inside the
 * workspace, sorted and without duplicates. A pattern that matches nothing is an error: a
 * release must not silently publish fewer SBOMs than the workflow meant to.
 */
async function locateSbomFiles(patterns, workspace) {
    const workspaceRoot = await (0,promises_.realpath)(workspace);
    const found = new Map();
    const problems = [];
    for (const pattern of patterns) {
        const candidates = GLOB_CHARACTERS.test(pattern)
            ? await Array.fromAsync((0,promises_.glob)(pattern, { cwd: workspaceRoot }))
            : [pattern];
        if (candidates.length === 0) {
            problems.push(`sbom pattern "${pattern}" matched no file in ${workspaceRoot}.`);
            continue;
        }
        for (const candidate of candidates) {
            const problem = await checkCandidate(candidate, pattern, workspaceRoot, found);
            if (problem)
                problems.push(problem);
        }
    }
    if (problems.length > 0)
        throw new errors/* ActionError */.lZ(`Could not use the sbom input:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
            hint: 'Check the path(s) in sbom: they are relative to GITHUB_WORKSPACE and must name files your workflow created in an earlier step.',
        });
    return [...found.values()].sort((a, b) => a.displayPath.localeCompare(b.displayPath));
}
async function checkCandidate(candidate, pattern, workspaceRoot, found) {
    const requested = (0,external_node_path_.resolve)(workspaceRoot, candidate);
    let absolutePath;
    try {
        absolutePath = await (0,promises_.realpath)(requested);
    }
    catch {
        return `sbom file "${candidate}" does not exist (looked for ${requested}).`;
    }
    if (!isInside(absolutePath, workspaceRoot))
        return `sbom file "${candidate}" resolves to ${absolutePath}, outside the workspace ${workspaceRoot}; only files inside GITHUB_WORKSPACE are read.`;
    const info = await (0,promises_.stat)(absolutePath);
    if (!info.isFile())
        return `sbom "${candidate}"${candidate === pattern ? '' : ` (from "${pattern}")`} is not a regular file.`;
    found.set(absolutePath, { absolutePath, displayPath: (0,external_node_path_.relative)(workspaceRoot, absolutePath) });
    return undefined;
}
function isInside(path, root) {
    const fromRoot = (0,external_node_path_.relative)(root, path);
    return (fromRoot !== '' &&
        !fromRoot.startsWith(`..${external_node_path_.sep}`) &&
        fromRoot !== '..' &&
        !(0,external_node_path_.isAbsolute)(fromRoot));
}

// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/contrib/fromNodePackageJson/index.node.js
var fromNodePackageJson_index_node = __webpack_require__(9810);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/contrib/license/index.node.js
var license_index_node = __webpack_require__(4909);
// EXTERNAL MODULE: ./node_modules/spdx-expression-parse/index.js
var spdx_expression_parse = __webpack_require__(3326);
var spdx_expression_parse_default = /*#__PURE__*/__webpack_require__.n(spdx_expression_parse);
;// CONCATENATED MODULE: ./src/sources/npm-lockfile.ts
// The `npm` generator: package-lock.json / npm-shrinkwrap.json → CycloneDX, from the lockfile
// alone (no network, no node_modules). Lockfile v1 is first turned into the v2/v3 `packages`
// shape, so one code path builds the BOM for every version.








const LOCKFILE_NAMES = ['npm-shrinkwrap.json', 'package-lock.json'];
/** Property names of the CycloneDX property taxonomy, as `@cyclonedx/cyclonedx-npm` writes them. */
const NPM_PROPERTIES = {
    development: 'cdx:npm:package:development',
    bundled: 'cdx:npm:package:bundled',
    extraneous: 'cdx:npm:package:extraneous',
    path: 'cdx:npm:package:path',
};
const licenseFactory = new license_index_node.Factories.LicenseFactory((expression) => {
    spdx_expression_parse_default()(expression);
});
/**
 * Builds the BOM of a parsed lockfile. `file` names the lockfile in messages. The root package
 * becomes metadata.component; every installed package one component (one per purl: copies of the
 * same package at several node_modules paths are one component), workspaces included, with the
 * dependency graph npm would resolve.
 */
function bomFromNpmLockfile(lockfile, file, options) {
    if (typeof lockfile !== 'object' || lockfile === null || Array.isArray(lockfile))
        throw new errors/* SbomError */.SP(file, 'is not a JSON object, so it is not an npm lockfile.');
    const lock = lockfile;
    const lockfileVersion = lock.lockfileVersion;
    if (lockfileVersion !== 1 && lockfileVersion !== 2 && lockfileVersion !== 3)
        throw new errors/* SbomError */.SP(file, `has lockfileVersion ${JSON.stringify(lockfileVersion)}; the npm generator reads lockfile versions 1, 2 and 3.`, { hint: 'Regenerate it with a current npm (npm install --package-lock-only).' });
    const notes = [];
    const packages = lockfileVersion === 1 || !isObject(lock.packages)
        ? packagesFromV1(lock, file)
        : typedEntries(lock.packages, file, notes);
    if (lockfileVersion === 2 && !isObject(lock.packages))
        notes.push(`${file}: lockfileVersion 2 without "packages"; read its v1 "dependencies" tree.`);
    return {
        bom: new LockfileBomBuilder(packages, file, options, notes).build(),
        lockfileVersion,
        notes,
    };
}
class LockfileBomBuilder {
    bom = new models.Bom();
    /** Lockfile path → the component that stands for it (several paths may share one). */
    componentAt = new Map();
    componentByPurl = new Map();
    unresolved = new Set();
    workspaces;
    unnamed = [];
    unparsableIntegrity = 0;
    omittedDev = 0;
    packages;
    file;
    options;
    notes;
    constructor(packages, file, options, notes) {
        this.packages = packages;
        this.file = file;
        this.options = options;
        this.notes = notes;
    }
    build() {
        const rootEntry = this.packages[''] ?? {};
        const root = new models.Component(enums.ComponentType.Application, rootEntry.name || 'root', {
            version: rootEntry.version,
            bomRef: `root:${rootEntry.name || 'root'}@${rootEntry.version ?? ''}`,
        });
        this.addLicense(root, rootEntry);
        root.purl = this.purlOf(rootEntry.name || 'root', rootEntry.version, undefined).toString();
        this.bom.metadata.component = root;
        this.componentAt.set('', root);
        for (const [path, entry] of Object.entries(this.packages)) {
            if (path === '' || entry.link)
                continue;
            if (entry.dev && !this.options.includeDev) {
                this.omittedDev += 1;
                continue;
            }
            this.addComponent(path, entry);
        }
        for (const [path, entry] of Object.entries(this.packages)) {
            if (entry.link)
                continue;
            const component = this.componentAt.get(path);
            if (component)
                this.wireDependencies(path, entry, component);
        }
        this.summarize();
        return this.bom;
    }
    addComponent(path, entry) {
        const name = entry.name || nameFromPath(path);
        const git = isGitUrl(entry.resolved);
        let purl;
        try {
            purl = this.purlOf(name, entry.version, entry.resolved);
        }
        catch {
            // Only a broken lockfile has a package without a usable name (e.g. "node_modules/").
            this.unnamed.push(path);
            return;
        }
        const key = purl.toString();
        const existing = this.componentByPurl.get(key);
        if (existing) {
            // The same package installed at another path: one component, every path kept.
            existing.properties.add(new models.Property(NPM_PROPERTIES.path, path));
            this.componentAt.set(path, existing);
            return;
        }
        const { scope, name: bare } = splitName(name);
        const component = new models.Component(enums.ComponentType.Library, bare, {
            group: scope,
            version: entry.version,
            bomRef: key,
            purl: key,
            // As cyclonedx-npm: optional only for `optional`; devOptional is marked development below.
            scope: entry.optional ? enums.ComponentScope.Optional : enums.ComponentScope.Required,
        });
        this.addHashes(component, entry.integrity);
        this.addLicense(component, entry);
        if (entry.resolved && isUrl(entry.resolved))
            component.externalReferences.add(new models.ExternalReference(entry.resolved, git ? enums.ExternalReferenceType.VCS : enums.ExternalReferenceType.Distribution, { comment: 'as detected from the lockfile property "resolved"' }));
        if (entry.dev || entry.devOptional)
            component.properties.add(new models.Property(NPM_PROPERTIES.development, 'true'));
        if (entry.inBundle)
            component.properties.add(new models.Property(NPM_PROPERTIES.bundled, 'true'));
        if (entry.extraneous)
            component.properties.add(new models.Property(NPM_PROPERTIES.extraneous, 'true'));
        component.properties.add(new models.Property(NPM_PROPERTIES.path, path));
        this.bom.components.add(component);
        this.componentByPurl.set(key, component);
        this.componentAt.set(path, component);
    }
    /** Edges as npm resolves them: the nearest node_modules up the tree, links followed. */
    wireDependencies(path, entry, component) {
        const isProject = path === '' || isWorkspaceFolder(path);
        const wanted = [
            ...Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false })),
            ...Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
            ...Object.keys(entry.peerDependencies ?? {}).map((name) => ({ name, optional: true })),
            ...(isProject && this.options.includeDev
                ? Object.keys(entry.devDependencies ?? {}).map((name) => ({ name, optional: false }))
                : []),
        ];
        if (path === '')
            for (const workspace of this.workspaceFolders())
                wanted.push({
                    name: this.packages[workspace]?.name || nameFromPath(workspace),
                    optional: true,
                });
        for (const { name, optional } of wanted) {
            const target = this.resolve(path, name);
            const dependency = target === undefined ? undefined : this.componentAt.get(target);
            if (dependency && dependency !== component)
                component.dependencies.add(dependency.bomRef);
            else if (target === undefined && !optional)
                this.unresolved.add(`${path || '(root)'} → ${name}`);
        }
    }
    resolve(from, name) {
        let base = from;
        for (;;) {
            const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
            const entry = this.packages[candidate];
            if (entry)
                return entry.link && entry.resolved !== undefined ? entry.resolved : candidate;
            if (base === '') {
                // A workspace depending on a sibling workspace by name.
                const workspace = this.workspaceFolders().find((folder) => (this.packages[folder]?.name || nameFromPath(folder)) === name);
                return workspace;
            }
            const parent = base.lastIndexOf('/node_modules/');
            base = parent === -1 ? '' : base.slice(0, parent);
        }
    }
    /** Folders the root's `workspaces` globs name (not `file:` folders, which are plain dependencies). */
    workspaceFolders() {
        if (this.workspaces === undefined) {
            const declared = this.packages['']?.workspaces;
            const patterns = (Array.isArray(declared) ? declared : isObject(declared) ? declared.packages : []);
            const globs = patterns.filter((p) => typeof p === 'string');
            this.workspaces = Object.keys(this.packages).filter((path) => path !== '' &&
                isWorkspaceFolder(path) &&
                globs.some((glob) => (0,external_node_path_.matchesGlob)(path, glob.replace(/^\.\//, '').replace(/\/$/, ''))));
        }
        return this.workspaces;
    }
    purlOf(name, version, resolved) {
        const { scope, name: bare } = splitName(name);
        const qualifiers = {};
        // Registry packages need no qualifier (purl-spec npm type); anything else says where it came from.
        if (resolved && isGitUrl(resolved))
            qualifiers.vcs_url = resolved;
        else if (resolved && isUrl(resolved) && !fromNodePackageJson_index_node.Utils.defaultRegistryMatcher.test(resolved))
            qualifiers.download_url = resolved;
        return new packageurl_js.PackageURL('npm', scope, bare, version, Object.keys(qualifiers).length > 0 ? qualifiers : undefined, undefined);
    }
    addHashes(component, integrity) {
        for (const part of (integrity ?? '').split(/\s+/).filter(Boolean)) {
            try {
                component.hashes.set(...fromNodePackageJson_index_node.Utils.parsePackageIntegrity(part));
            }
            catch {
                this.unparsableIntegrity += 1;
            }
        }
    }
    addLicense(component, entry) {
        const license = entry.license;
        if (typeof license !== 'string' || license.trim() === '')
            return;
        const made = licenseFactory.makeFromString(license.trim());
        // The lockfile copies package.json's `license`: what the author declared, not a finding.
        made.acknowledgement = enums.LicenseAcknowledgement.Declared;
        component.licenses.add(made);
    }
    summarize() {
        const file = this.file;
        this.notes.push(`${file}: ${this.bom.components.size} component(s) from ${Object.keys(this.packages).length - 1} lockfile entr(ies); ` +
            (this.options.includeDev
                ? 'devDependencies included (property cdx:npm:package:development).'
                : `${this.omittedDev} devDependency entr(ies) left out (include-dev: true adds them).`));
        if (this.unresolved.size > 0)
            this.notes.push(`${file}: ${this.unresolved.size} dependenc(ies) are not in the lockfile, so their edges are missing (e.g. ${[...this.unresolved].slice(0, 3).join('; ')}). Run npm install to bring the lockfile up to date.`);
        if (this.unnamed.length > 0)
            this.notes.push(`${file}: ${this.unnamed.length} entr(ies) have no package name a purl can hold and were left out (e.g. ${JSON.stringify(this.unnamed[0])}).`);
        if (this.unparsableIntegrity > 0)
            this.notes.push(`${file}: ${this.unparsableIntegrity} integrity value(s) were not SRI hashes and were not turned into hashes.`);
    }
}
/**
 * The `packages` map with every field this generator reads checked for its type: a hand-edited or
 * corrupted lockfile must give a clear note, not a TypeError deep inside.
 */
function typedEntries(raw, file, notes) {
    const entries = {};
    const skipped = [];
    for (const [path, value] of Object.entries(raw)) {
        if (!isObject(value)) {
            skipped.push(path || '(root)');
            continue;
        }
        const text = (key) => typeof value[key] === 'string' ? value[key] : undefined;
        const flag = (key) => value[key] === true;
        const names = (key) => isObject(value[key]) ? value[key] : undefined;
        entries[path] = {
            name: text('name'),
            version: text('version'),
            resolved: text('resolved'),
            integrity: text('integrity'),
            license: text('license'),
            link: flag('link'),
            dev: flag('dev'),
            optional: flag('optional'),
            devOptional: flag('devOptional'),
            inBundle: flag('inBundle'),
            extraneous: flag('extraneous'),
            dependencies: names('dependencies'),
            optionalDependencies: names('optionalDependencies'),
            peerDependencies: names('peerDependencies'),
            devDependencies: names('devDependencies'),
            workspaces: value.workspaces,
        };
    }
    if (skipped.length > 0)
        notes.push(`${file}: ${skipped.length} "packages" entr(ies) are not objects and were skipped (e.g. ${JSON.stringify(skipped[0])}).`);
    return entries;
}
/** Lockfile v1 `dependencies` tree → the v2/v3 `packages` map (paths as node_modules nesting). */
function packagesFromV1(lock, file) {
    const packages = {
        '': {
            name: typeof lock.name === 'string' ? lock.name : undefined,
            version: typeof lock.version === 'string' ? lock.version : undefined,
            dependencies: {},
        },
    };
    const root = packages[''];
    // Explicit stack: deep trees must not exhaust the call stack.
    const stack = [
        { parent: '', tree: lock.dependencies, top: true },
    ];
    while (stack.length > 0) {
        const { parent, tree, top } = stack.pop();
        if (tree === undefined)
            continue;
        if (!isObject(tree))
            throw new errors/* SbomError */.SP(file, `has a "dependencies" value that is not an object at ${parent || 'the top'}.`);
        for (const [name, value] of Object.entries(tree)) {
            if (!isObject(value))
                continue;
            const path = parent ? `${parent}/node_modules/${name}` : `node_modules/${name}`;
            const entry = v1Entry(name, value);
            packages[path] = entry;
            if (top && !entry.dev)
                root.dependencies[name] = String(value.version ?? '');
            else if (top)
                (root.devDependencies ??= {})[name] = String(value.version ?? '');
            stack.push({ parent: path, tree: value.dependencies, top: false });
        }
    }
    return packages;
}
function v1Entry(key, value) {
    const raw = typeof value.version === 'string' ? value.version : undefined;
    let name = key;
    let version = raw;
    let resolved = typeof value.resolved === 'string' ? value.resolved : undefined;
    if (raw?.startsWith('npm:')) {
        // Alias: "npm:real-name@1.2.3".
        const spec = raw.slice(4);
        const at = spec.lastIndexOf('@');
        name = at > 0 ? spec.slice(0, at) : spec;
        version = at > 0 ? spec.slice(at + 1) : undefined;
    }
    else if (raw && (isGitUrl(raw) || /^(github|gitlab|bitbucket):/.test(raw))) {
        // v1 keeps the git URL as the version; the commit after "#" is the best version there is.
        resolved = raw;
        version = raw.includes('#') ? raw.slice(raw.lastIndexOf('#') + 1) : undefined;
    }
    else if (raw?.startsWith('file:')) {
        resolved = raw;
        version = undefined;
    }
    const requires = isObject(value.requires) ? value.requires : {};
    return {
        name,
        version,
        resolved,
        integrity: typeof value.integrity === 'string' ? value.integrity : undefined,
        dev: value.dev === true,
        optional: value.optional === true,
        inBundle: value.bundled === true,
        dependencies: requires,
    };
}
function nameFromPath(path) {
    const at = path.lastIndexOf('node_modules/');
    return at === -1 ? path.slice(path.lastIndexOf('/') + 1) : path.slice(at + 'node_modules/'.length);
}
function splitName(name) {
    if (!name.startsWith('@') || !name.includes('/'))
        return { scope: undefined, name };
    const slash = name.indexOf('/');
    return { scope: name.slice(0, slash), name: name.slice(slash + 1) };
}
/** Folders of the project itself (workspaces, `file:` folders), not installed packages. */
function isWorkspaceFolder(path) {
    return !path.startsWith('node_modules/') && !path.includes('/node_modules/');
}
function isGitUrl(url) {
    return url !== undefined && /^git(\+[a-z]+)?:|^git@|\.git(#|$)/.test(url);
}
/** A remote location; `file:` paths are relative to the project and say nothing to a reader. */
function isUrl(value) {
    return /^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith('file:');
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/sources/run-generator-command.ts
// The `command` generator: the user's own tool (syft, trivy, cdxgen…) writes the SBOM file.


/** Lines of output kept for the error message when the command fails. */
const TAIL_LINES = 30;
/**
 * Runs `command` in bash (as a `shell: bash` step does: -e -o pipefail) in `directory`. Its output
 * stays out of the log unless step debug logging is on; on failure its last lines are shown.
 */
async function runGeneratorCommand(command, directory, env, log) {
    const tail = [];
    const keep = (line) => {
        log.debug(`generator-command: ${line}`);
        tail.push(line);
        if (tail.length > TAIL_LINES)
            tail.shift();
    };
    const started = Date.now();
    const outcome = await new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', command], {
            cwd: directory,
            env,
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        for (const stream of [child.stdout, child.stderr]) {
            let pending = '';
            stream.setEncoding('utf8');
            stream.on('data', (chunk) => {
                const lines = (pending + chunk).split(/\r?\n/);
                pending = lines.pop() ?? '';
                lines.forEach(keep);
            });
            stream.on('end', () => {
                if (pending)
                    keep(pending);
            });
        }
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ code, signal }));
    }).catch((error) => {
        throw new errors/* ActionError */.lZ(`generator-command could not be started: ${error.message}`, {
            hint: 'The command runs with bash; make sure bash is on the runner (it is on GitHub-hosted runners).',
        });
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (outcome.code === 0) {
        log.info(`generator-command finished in ${seconds} s.`);
        return;
    }
    const how = outcome.signal
        ? `was killed by ${outcome.signal}`
        : `exited with code ${outcome.code}`;
    throw new errors/* ActionError */.lZ(`generator-command ${how} after ${seconds} s. Its last ${tail.length} line(s) of output:\n${tail.map((line) => `  | ${line}`).join('\n') || '  (no output)'}`, {
        hint: 'Run the command in a step of its own to see all of its output, or turn on step debug logging (ACTIONS_STEP_DEBUG) to see it here.',
    });
}

;// CONCATENATED MODULE: ./src/sources/collect-sboms.ts
// Where the SBOM(s) come from: files the workflow made, or one of the generators.








/** Resolves `auto`, runs the generator if any, and returns the SBOM documents to normalize. */
async function collectSboms(request, env, log) {
    const directory = await workingDirectory(request);
    const generator = await chooseGenerator(request, directory, log);
    switch (generator) {
        case 'files':
            return readLocated(request);
        case 'command':
            await runGeneratorCommand(request.command ?? '', directory.absolute, env, log);
            return readLocated(request, true);
        case 'npm':
            return [await generateFromLockfile(request, directory, log)];
        case 'github-dependency-graph':
            return [await fetchDependencyGraph(request, log)];
    }
}
async function workingDirectory(request) {
    const root = await (0,promises_.realpath)(request.workspace);
    let absolute;
    try {
        absolute = await (0,promises_.realpath)((0,external_node_path_.join)(root, request.workingDirectory));
    }
    catch {
        throw new errors/* ActionError */.lZ(`working-directory "${request.workingDirectory}" does not exist in the workspace ${root}.`);
    }
    if (absolute !== root && !isInside(absolute, root))
        throw new errors/* ActionError */.lZ(`working-directory "${request.workingDirectory}" resolves to ${absolute}, outside the workspace ${root}.`);
    if (!(await (0,promises_.stat)(absolute)).isDirectory())
        throw new errors/* ActionError */.lZ(`working-directory "${request.workingDirectory}" is not a directory.`);
    return { absolute, display: (0,external_node_path_.relative)(root, absolute) || '.' };
}
async function chooseGenerator(request, directory, log) {
    if (request.generator !== 'auto') {
        log.info(`SBOM source: generator ${request.generator} (set by the generator input).`);
        return request.generator;
    }
    if (request.sbomPatterns.length > 0) {
        log.info('SBOM source: the file(s) named by the sbom input (generator auto).');
        return 'files';
    }
    const lockfile = await findLockfile(directory);
    if (lockfile) {
        log.info(`SBOM source: generator npm, because sbom is empty and ${(0,external_node_path_.join)(directory.display, lockfile)} exists (generator auto).`);
        return 'npm';
    }
    log.info(`SBOM source: generator github-dependency-graph, because sbom is empty and ${directory.display} has no ${LOCKFILE_NAMES.join(' or ')} (generator auto).`);
    return 'github-dependency-graph';
}
/** npm-shrinkwrap.json wins over package-lock.json, as it does for npm itself. */
async function findLockfile(directory) {
    for (const name of LOCKFILE_NAMES) {
        const info = await (0,promises_.stat)((0,external_node_path_.join)(directory.absolute, name)).catch(() => undefined);
        if (info?.isFile())
            return name;
    }
    return undefined;
}
async function readLocated(request, afterCommand = false) {
    let files;
    try {
        files = await locateSbomFiles(request.sbomPatterns, request.workspace);
    }
    catch (error) {
        if (!afterCommand || !(error instanceof errors/* ActionError */.lZ))
            throw error;
        throw new errors/* ActionError */.lZ(`generator-command finished, but the SBOM it should have written is missing.\n${error.message}`, {
            hint: 'Make the command write the file named by sbom (a path relative to GITHUB_WORKSPACE; the command runs in working-directory).',
        });
    }
    const sources = [];
    for (const file of files)
        sources.push({
            displayPath: file.displayPath,
            content: await readCapped(file.absolutePath, file.displayPath, request.maxBytes, 'sbom'),
            generatedBy: undefined,
        });
    return sources;
}
/** Reads a file after checking its size, so an oversized one is refused without loading it. */
async function readCapped(path, display, maxBytes, what) {
    const { size } = await (0,promises_.stat)(path);
    if (size > maxBytes)
        throw new errors/* SbomError */.SP(display, `is ${megabytes(size)}, over max-sbom-size-mb (${megabytes(maxBytes)}); it was not read.`, {
            hint: what === 'sbom'
                ? 'Check that sbom names the SBOM (not a build artifact), or raise max-sbom-size-mb.'
                : 'Raise max-sbom-size-mb if this lockfile is really that large.',
        });
    return (0,promises_.readFile)(path);
}
function megabytes(bytes) {
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
async function generateFromLockfile(request, directory, log) {
    const name = await findLockfile(directory);
    if (!name)
        throw new errors/* ActionError */.lZ(`generator npm found no ${LOCKFILE_NAMES.join(' or ')} in working-directory "${directory.display}".`, {
            hint: 'Commit your lockfile, run `npm install --package-lock-only` in an earlier step, or set working-directory to the folder that has it.',
        });
    const display = (0,external_node_path_.join)(directory.display, name);
    const text = (await readCapped((0,external_node_path_.join)(directory.absolute, name), display, request.maxBytes, 'lockfile')).toString('utf8');
    let lockfile;
    try {
        lockfile = JSON.parse(text);
    }
    catch (error) {
        throw new errors/* SbomError */.SP(display, `is not valid JSON: ${error.message}`, {
            hint: 'Regenerate it with npm install --package-lock-only.',
        });
    }
    const { bom, lockfileVersion, notes } = bomFromNpmLockfile(lockfile, display, {
        includeDev: request.includeDev,
    });
    for (const note of notes)
        log.info(note);
    log.info(`Generated a CycloneDX SBOM from ${display} (lockfile v${lockfileVersion}).`);
    // 1.6: every field the generator writes exists there; normalization then targets the user's spec.
    const serializer = new serialize_index_node.JsonSerializer(new serialize_index_node.JSON.Normalize.Factory(spec.Spec1dot6));
    return {
        displayPath: display,
        content: serializer.serialize(bom, { sortLists: true }),
        generatedBy: 'npm',
    };
}
async function fetchDependencyGraph(request, log) {
    const { github } = request;
    if (!github.token)
        throw new errors/* ActionError */.lZ('generator github-dependency-graph needs github-token, which is empty.', {
            hint: 'Leave github-token at its default (${{ github.token }}) and give the job `permissions: contents: read`.',
        });
    const defaultRef = github.defaultBranch ? `refs/heads/${github.defaultBranch}` : undefined;
    if (defaultRef === undefined)
        log.warning('The GitHub dependency graph describes the default branch; the event does not say which branch that is, so it cannot be checked against this run.', 'Dependency graph may not match this commit');
    else if (github.ref !== defaultRef)
        log.warning(`The GitHub dependency graph describes the default branch (${github.defaultBranch}), but this run is for ${github.ref || 'an unknown ref'}: the SBOM may not match the commit being built. Use generator: npm or command for an SBOM of exactly this commit.`, 'Dependency graph is of the default branch');
    // Loaded on demand: the GitHub client is only needed by this generator.
    const { exportDependencyGraph } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(628)]).then(__webpack_require__.bind(__webpack_require__, 4628));
    const content = await exportDependencyGraph(github);
    log.info(`Fetched the dependency graph SBOM of ${github.repository} from ${github.apiUrl}.`);
    return { displayPath: 'github-dependency-graph.spdx.json', content, generatedBy: undefined };
}

;// CONCATENATED MODULE: ./src/shared/logger.ts
const silentLogger = { info() { }, warning() { }, debug() { } };
/** Runs `run` inside a log group when the logger has groups. */
function inGroup(log, title, run) {
    return log.group ? log.group(title, run) : run();
}

;// CONCATENATED MODULE: ./src/pipeline.ts












/** Inputs → normalized artifact → (publish mode) S3 → IoT association → verdict. */
async function runPipeline(config, context, deps) {
    const local = await inGroup(deps.log, 'Build the SBOM artifact', () => buildArtifactLocally(config, context, deps));
    const ocsf = config.ocsfOutput ? await writeOcsfEvent(config, context, deps, local) : undefined;
    // The bytes stay out of the result: the summary needs facts about them, not a second copy.
    const { artifact: _bytes, ...described } = local;
    if (config.mode === 'validate' || config.s3 === undefined || config.region === undefined) {
        deps.log.info('mode: validate: the SBOM is valid; nothing is sent to AWS.');
        deps.outputs.set('validation-status', 'SKIPPED');
        return {
            ...described,
            stored: undefined,
            validation: { status: 'SKIPPED', timedOut: false, failures: [], files: [] },
            published: false,
            previous: undefined,
        };
    }
    const target = { ...config.s3, region: config.region };
    // Loaded only here: the AWS SDK is most of the bundle, and validate mode never needs it.
    const { publishToAws } = await Promise.all(/* import() */[__webpack_require__.e(194), __webpack_require__.e(907), __webpack_require__.e(89)]).then(__webpack_require__.bind(__webpack_require__, 5089));
    return {
        ...described,
        ...(await inGroup(deps.log, 'Publish to S3 and AWS IoT', () => publishToAws(config, target, context, deps, local, ocsf))),
    };
}
/** The SBOM documents: Inspector's export, or files / the other generators. */
async function gatherSources(config, context, { log, env, clock }) {
    if (config.generator === 'inspector') {
        const settings = config.inspector;
        if (settings === undefined || config.region === undefined)
            throw new Error('generator inspector without its settings: readConfig should have refused');
        const { createAwsClients } = await Promise.all(/* import() */[__webpack_require__.e(194), __webpack_require__.e(907), __webpack_require__.e(201)]).then(__webpack_require__.bind(__webpack_require__, 201));
        const { exportInspectorSboms } = await Promise.all(/* import() */[__webpack_require__.e(194), __webpack_require__.e(967)]).then(__webpack_require__.bind(__webpack_require__, 3967));
        const { inspector, s3 } = createAwsClients({ region: config.region, env });
        // A prefix of this run's own, so only this export's files are read back.
        const attempt = env.GITHUB_RUN_ATTEMPT || '1';
        const run = context.runId ? `${context.runId}-${attempt}` : `local-${clock.now()}`;
        const exported = await exportInspectorSboms({ inspector, s3 }, {
            ...settings,
            filter: settings.filter,
            keyPrefix: `${settings.keyPrefix}${config.packageName}/${config.commitSha}/${run}/`,
            maxBytes: config.maxSbomBytes,
            clock,
        }, log);
        return exported.map((file) => ({
            displayPath: file.key,
            content: file.content,
            generatedBy: undefined,
        }));
    }
    return collectSboms({
        generator: config.generator,
        sbomPatterns: config.sbomPatterns,
        command: config.generatorCommand,
        workingDirectory: config.workingDirectory,
        includeDev: config.includeDev,
        maxBytes: config.maxSbomBytes,
        workspace: context.workspace,
        github: {
            repository: context.repository,
            token: config.githubToken,
            apiUrl: context.apiUrl,
            ref: context.ref,
            defaultBranch: context.defaultBranch,
        },
    }, env, log);
}
/** Source, normalize, validate, package, write to disk (only generators may use the network). */
async function buildArtifactLocally(config, context, deps) {
    const { log, outputs, env } = deps;
    const sources = await gatherSources(config, context, deps);
    log.info(`SBOM input: ${sources.map((source) => source.displayPath).join(', ')}`);
    const enrichment = {
        packageName: config.packageName,
        versionName: config.versionName,
        commitSha: config.commitSha,
        repository: context.repository,
        commitTime: context.commitTime,
        tool: { name: action_info/* ACTION_NAME */.px, version: action_info/* ACTION_VERSION */.Yt, vendor: action_info/* ACTION_VENDOR */.i$ },
    };
    const sboms = [];
    for (const source of sources) {
        const normalized = await normalizeSbom({
            ...enrichment,
            file: source.displayPath,
            content: source.content,
            targetSpecVersion: config.specVersion,
            inputValidation: source.generatedBy ? 'skip' : config.inputValidation,
        });
        logNormalization(normalized, log);
        sboms.push(normalized);
    }
    if (config.strictNormalization)
        refuseLossyNormalization(sboms);
    const merged = config.merge && sboms.length > 1
        ? await mergeSboms(sboms, { ...enrichment, targetSpecVersion: config.specVersion })
        : undefined;
    for (const note of merged?.notes ?? [])
        log.info(note);
    const entries = merged
        ? [{ name: merged.entryName, content: merged.json }]
        : uniqueEntryNames(sboms);
    const artifact = await buildArtifact(entries, config.archive);
    const artifactSha256 = (0,external_node_crypto_.createHash)('sha256').update(artifact).digest('hex');
    const artifactPath = await writeArtifact(artifact, config, env);
    const reportPath = await writeNormalizationReport(artifactPath, sboms);
    const componentCount = merged?.componentCount ?? sboms.reduce((sum, sbom) => sum + sbom.componentCount, 0);
    outputs.set('sbom-file', artifactPath);
    outputs.set('sbom-sha256', artifactSha256);
    outputs.set('component-count', String(componentCount));
    log.info(`Artifact ${artifactPath}: ${artifact.length} bytes, SHA-256 ${artifactSha256}, ${componentCount} components. Normalization report: ${reportPath}`);
    return {
        sboms,
        artifact,
        artifactPath,
        artifactSha256,
        artifactBytes: artifact.length,
        componentCount,
    };
}
/** ocsf-output: the OCSF Software Inventory Info event describing the artifact, written to disk. */
async function writeOcsfEvent(config, context, { log, outputs, clock }, local) {
    const event = buildSoftwareInventoryEvent({
        documents: (0,diff/* readArtifactDocuments */.x)(local.artifact) ?? [],
        packageName: config.packageName,
        versionName: config.versionName,
        action: { name: action_info/* ACTION_NAME */.px, vendor: action_info/* ACTION_VENDOR */.i$, version: action_info/* ACTION_VERSION */.Yt },
        time: clock.now(),
        runner: { hostname: (0,external_node_os_.hostname)(), osType: (0,external_node_os_.type)(), osRelease: (0,external_node_os_.release)() },
    });
    const json = `${JSON.stringify(event, null, 2)}\n`;
    const path = (0,external_node_path_.resolve)(context.workspace, config.ocsfOutput ?? '');
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
    await (0,promises_.writeFile)(path, json);
    outputs.set('ocsf-file', path);
    log.info(`OCSF Software Inventory Info event (class 5020, OCSF ${OCSF_VERSION}) with ${event.sbom.software_components.length} components written to ${path}.`);
    return { path, json };
}
/** strict-normalization: losing any input data stops the run before anything is uploaded. */
function refuseLossyNormalization(sboms) {
    const losses = sboms.flatMap((sbom) => sbom.report.dropped.map((entry) => `${sbom.report.file} ${entry.example}: ${entry.reason}`));
    if (losses.length > 0)
        throw new errors/* SbomError */.SP([
            ...new Set(sboms.filter((sbom) => sbom.report.dropped.length > 0).map((sbom) => sbom.report.file)),
        ].join(', '), `strict-normalization is on and normalization could not carry ${losses.length} kind(s) of data:\n${losses.map((loss) => `  - ${loss}`).join('\n')}`, {
            hint: 'Pick a cyclonedx-spec-version that can express them, remove them from the input, or set strict-normalization: false to publish with the losses reported.',
        });
}
function logNormalization(sbom, log) {
    const { report } = sbom;
    for (const problem of report.inputProblems)
        log.warning(`${report.file}: ${problem.path || '/'}: ${problem.message}`, `Input is not valid ${report.sourceFormat} ${report.sourceSpecVersion}`);
    log.info(`${report.file}: ${report.sourceFormat} ${report.sourceSpecVersion} → CycloneDX ${report.targetSpecVersion} JSON, ${sbom.componentCount} components.`);
    for (const dropped of report.dropped)
        log.warning(`${report.file}: ${dropped.path} not carried over: ${dropped.reason}`, 'SBOM data not carried over');
    for (const note of report.notes)
        log.info(`${report.file}: ${note}`);
}
/** Zip entry names must be unique even when two inputs share a base name. */
function uniqueEntryNames(sboms) {
    const used = new Set();
    return sboms.map((sbom) => {
        let name = sbom.entryName;
        for (let n = 2; used.has(name); n += 1)
            name = sbom.entryName.replace(/(\.cdx\.json)?$/, `-${n}$1`);
        used.add(name);
        return { name, content: sbom.json };
    });
}
/** The normalization reports as JSON beside the artifact, for later steps and audits. */
async function writeNormalizationReport(artifactPath, sboms) {
    const path = artifactPath.replace(/\.(zip|cdx\.json)$/, '.normalization.json');
    await (0,promises_.writeFile)(path, `${JSON.stringify(sboms.map((sbom) => sbom.report), null, 2)}\n`);
    return path;
}
async function writeArtifact(artifact, config, env) {
    const directory = (0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), action_info/* ACTION_NAME */.px);
    await (0,promises_.mkdir)(directory, { recursive: true });
    const extension = config.archive === 'zip' ? 'zip' : 'cdx.json';
    const path = (0,external_node_path_.join)(directory, `${config.packageName}-${config.versionName}-${config.commitSha}.${extension}`);
    await (0,promises_.writeFile)(path, artifact);
    return path;
}


/***/ }),

/***/ 3394:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ diffComponents),
/* harmony export */   x: () => (/* binding */ readArtifactDocuments)
/* harmony export */ });
/* harmony import */ var packageurl_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7091);
/* harmony import */ var packageurl_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(packageurl_js__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var fflate__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1306);
// What changed between two published SBOMs of one package: components added, removed, and
// those whose version changed. Components are matched by purl without version and qualifiers
// (the package's identity), else by group/name.


/**
 * The CycloneDX JSON documents inside an artifact this action uploaded: the entries of a .zip, or
 * the single JSON document. Undefined when the bytes are neither (an object someone else put there).
 */
function readArtifactDocuments(bytes) {
    try {
        const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
        const texts = isZip
            ? Object.entries((0,fflate__WEBPACK_IMPORTED_MODULE_1__/* .unzipSync */ .AO)(bytes))
                .filter(([name]) => name.endsWith('.json'))
                .map(([, content]) => new TextDecoder().decode(content))
            : [new TextDecoder().decode(bytes)];
        const documents = texts.map((text) => JSON.parse(text));
        return documents.every((d) => typeof d === 'object' && d !== null && !Array.isArray(d))
            ? documents
            : undefined;
    }
    catch {
        return undefined;
    }
}
function diffComponents(before, after) {
    const old = versionsByIdentity(before);
    const now = versionsByIdentity(after);
    const added = [];
    const removed = [];
    const changed = [];
    let unchanged = 0;
    for (const [identity, { name, versions }] of now) {
        const previous = old.get(identity);
        if (previous === undefined)
            added.push(...[...versions].map((v) => at(name, v)));
        else if (sameSet(previous.versions, versions))
            unchanged += 1;
        else
            changed.push({ name, from: list(previous.versions), to: list(versions) });
    }
    for (const [identity, { name, versions }] of old)
        if (!now.has(identity))
            removed.push(...[...versions].map((v) => at(name, v)));
    return {
        added: added.sort(),
        removed: removed.sort(),
        changed: changed.sort((a, b) => a.name.localeCompare(b.name)),
        unchanged,
    };
}
function versionsByIdentity(documents) {
    const byIdentity = new Map();
    for (const document of documents)
        for (const component of allComponents(document)) {
            const { identity, name } = identify(component);
            const entry = byIdentity.get(identity) ?? { name, versions: new Set() };
            entry.versions.add(typeof component.version === 'string' ? component.version : '');
            byIdentity.set(identity, entry);
        }
    return byIdentity;
}
/** Components and their nested components; metadata.component (the IoT package) is not one. */
function allComponents(document) {
    const found = [];
    const stack = [document.components];
    while (stack.length > 0) {
        const list = stack.pop();
        if (!Array.isArray(list))
            continue;
        for (const item of list)
            if (typeof item === 'object' && item !== null) {
                found.push(item);
                stack.push(item.components);
            }
    }
    return found;
}
function identify(component) {
    const group = typeof component.group === 'string' && component.group ? `${component.group}/` : '';
    const name = `${group}${typeof component.name === 'string' ? component.name : '(unnamed)'}`;
    if (typeof component.purl === 'string')
        try {
            const purl = packageurl_js__WEBPACK_IMPORTED_MODULE_0__.PackageURL.fromString(component.purl);
            const namespace = purl.namespace ? `${purl.namespace}/` : '';
            return { identity: `pkg:${purl.type}/${namespace}${purl.name}`, name };
        }
        catch {
            // Not a valid purl: fall back to the name.
        }
    return { identity: `name:${name}`, name };
}
function sameSet(a, b) {
    return a.size === b.size && [...a].every((value) => b.has(value));
}
function list(versions) {
    return [...versions]
        .sort()
        .map((v) => v || '(none)')
        .join(', ');
}
function at(name, version) {
    return version ? `${name}@${version}` : name;
}


/***/ })

};
