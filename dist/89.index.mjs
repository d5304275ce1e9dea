export const id = 89;
export const ids = [89,201];
export const modules = {

/***/ 201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createAwsClients: () => (/* binding */ createAwsClients)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_inspector2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3222);
/* harmony import */ var _aws_sdk_client_iot__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8907);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3711);
/* harmony import */ var _action_info_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3690);




/**
 * The one place AWS clients are built. Credentials come from the SDK's default chain (what
 * aws-actions/configure-aws-credentials exports); endpoints from the SDK's own
 * AWS_ENDPOINT_URL[_S3|_IOT] variables, in which case S3 is addressed path-style so loopback
 * emulators and LocalStack work. Retries are the SDK's (adaptive mode: backoff with jitter plus
 * client-side rate limiting under throttling); we add no second retry layer.
 */
function createAwsClients(options) {
    const env = options.env ?? process.env;
    const common = {
        region: options.region,
        maxAttempts: options.maxAttempts ?? 5,
        retryMode: 'adaptive',
        customUserAgent: `${_action_info_js__WEBPACK_IMPORTED_MODULE_0__/* .ACTION_NAME */ .px}/${_action_info_js__WEBPACK_IMPORTED_MODULE_0__/* .ACTION_VERSION */ .Yt}`,
        // A hung connection must not hold a release job for hours.
        requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000 },
    };
    return {
        s3: new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__/* .S3Client */ .YxF({
            ...common,
            forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL),
            // We send our own SHA-256; no extra CRC32 on top of it.
            requestChecksumCalculation: 'WHEN_REQUIRED',
        }),
        iot: new _aws_sdk_client_iot__WEBPACK_IMPORTED_MODULE_2__/* .IoTClient */ .CgZ(common),
        inspector: new _aws_sdk_client_inspector2__WEBPACK_IMPORTED_MODULE_3__/* .Inspector2Client */ .r0C(common),
    };
}


/***/ }),

/***/ 6221:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ awsCall)
/* harmony export */ });
/* unused harmony export explainAwsError */
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8382);

const GENERAL_HINTS = {
    CredentialsProviderError: 'No AWS credentials were found. Add aws-actions/configure-aws-credentials (OIDC, with id-token: write) before this step, or use mode: validate for runs without AWS access.',
    ExpiredToken: 'The AWS session expired: configure credentials with a longer role-duration-seconds.',
    ExpiredTokenException: 'The AWS session expired: configure credentials with a longer role-duration-seconds.',
    InvalidAccessKeyId: 'The AWS credentials are not valid for this account or region.',
    UnrecognizedClientException: 'The AWS credentials are not valid for this account or region.',
    AccessDenied: 'The role lacks a permission: see the minimal IAM policy in the README.',
    AccessDeniedException: 'The role lacks a permission: see the minimal IAM policy in the README.',
    ThrottlingException: 'AWS kept throttling after several retries: retry the job later, or lower concurrency across workflows.',
    SlowDown: 'S3 kept asking to slow down after several retries: retry the job later.',
    InternalServerException: 'AWS reported an internal error after several retries: retry the job later.',
    InternalError: 'AWS reported an internal error after several retries: retry the job later.',
    ServiceQuotaExceededException: 'An AWS IoT quota is exhausted: see Service Quotas for AWS IoT Device Management software package catalog.',
    TimeoutError: 'AWS did not answer in time after several retries: check the network or AWS status, then retry.',
};
/**
 * Runs one AWS call and turns its failure into an AwsError that names the service, operation,
 * target and request id, and says what to do. The SDK has already retried what is retryable.
 */
async function awsCall(what, call, hints = {}) {
    try {
        return await call();
    }
    catch (error) {
        throw explainAwsError(what, error, hints);
    }
}
function explainAwsError(what, error, hints = {}) {
    const sdkError = (typeof error === 'object' && error !== null ? error : {});
    const name = sdkError.name ?? 'Error';
    const status = sdkError.$metadata?.httpStatusCode;
    const requestId = sdkError.$metadata?.requestId;
    const attempts = sdkError.$metadata?.attempts;
    const facts = [
        status === undefined ? undefined : `HTTP ${status}`,
        requestId ? `request id ${requestId}` : undefined,
        attempts !== undefined && attempts > 1 ? `${attempts} attempts` : undefined,
    ].filter((fact) => fact !== undefined);
    const detail = (0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error) || sdkError.code || 'no message';
    const message = `${what.service} ${what.operation} failed for ${what.target}: ${name}: ${detail}` +
        (facts.length > 0 ? ` (${facts.join(', ')})` : '');
    const hint = hints[name] ??
        (sdkError.code ? hints[sdkError.code] : undefined) ??
        GENERAL_HINTS[name] ??
        networkHint(sdkError);
    return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy(message, { hint, cause: error, awsName: name });
}
function networkHint(error) {
    const code = error.code ?? '';
    if (['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'EAI_AGAIN', 'ETIMEDOUT'].includes(code))
        return `The AWS endpoint could not be reached (${code}). Check AWS_ENDPOINT_URL* variables, proxies and the region.`;
    return undefined;
}


/***/ }),

/***/ 5089:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  publishToAws: () => (/* binding */ publishToAws)
});

// EXTERNAL MODULE: ./src/action-info.ts
var action_info = __webpack_require__(3690);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-iot/dist-cjs/index.js
var dist_cjs = __webpack_require__(8907);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
// EXTERNAL MODULE: ./src/shared/poll.ts
var poll = __webpack_require__(9340);
// EXTERNAL MODULE: ./src/aws/explain-error.ts
var explain_error = __webpack_require__(6221);
;// CONCATENATED MODULE: ./src/aws/iot-sbom.ts




const describe = (ref) => `package version ${ref.packageName}@${ref.versionName}`;
/**
 * Makes sure the package version exists. When it does not, creates it (as DRAFT) if allowed,
 * otherwise stops with what to do. A concurrent run creating it first is fine.
 */
async function ensurePackageVersion(iot, ref, creation, log) {
    const existing = await getPackageVersion(iot, ref);
    if (existing !== undefined)
        return currentSbomOf(existing);
    if (!creation.allowed)
        throw new errors/* AwsError */.Gy(`AWS IoT ${describe(ref)} does not exist.`, {
            hint: `Create it first (aws iot create-package --package-name ${ref.packageName}; aws iot create-package-version --package-name ${ref.packageName} --version-name ${ref.versionName}), or set create-package-version: true.`,
        });
    await (0,explain_error/* awsCall */.u)({ service: 'IoT', operation: 'CreatePackage', target: `package ${ref.packageName}` }, async () => {
        try {
            await iot.send(new dist_cjs/* CreatePackageCommand */.cvv({ packageName: ref.packageName }));
            log.info(`Created IoT software package ${ref.packageName}.`);
        }
        catch (error) {
            // Already there (made by another run or by hand): fine, the version is what we need.
            if (error.name !== 'ConflictException')
                throw error;
        }
    }, iamHint('iot:CreatePackage and iot:GetIndexingConfiguration'));
    await (0,explain_error/* awsCall */.u)({ service: 'IoT', operation: 'CreatePackageVersion', target: describe(ref) }, async () => {
        try {
            await iot.send(new dist_cjs/* CreatePackageVersionCommand */.g8w({
                ...ref,
                description: creation.description,
                attributes: creation.attributes,
            }));
            log.info(`Created ${describe(ref)} (DRAFT).`);
        }
        catch (error) {
            if (error.name !== 'ConflictException')
                throw error;
        }
    }, iamHint('iot:CreatePackageVersion and iot:GetIndexingConfiguration'));
    // Created just now, by this run or a concurrent one: the latter may have attached its SBOM.
    const created = await getPackageVersion(iot, ref);
    return created === undefined ? undefined : currentSbomOf(created);
}
function currentSbomOf(version) {
    const location = version.sbom?.s3Location;
    if (!location?.bucket || !location.key)
        return undefined;
    return {
        location: { bucket: location.bucket, key: location.key, version: location.version ?? '' },
        status: (version.sbomValidationStatus ?? 'IN_PROGRESS'),
    };
}
function sameObjectVersion(a, b) {
    return a.bucket === b.bucket && a.key === b.key && a.version === b.version;
}
function describeObjectVersion(location) {
    return `s3://${location.bucket}/${location.key} (version ${location.version || 'none'})`;
}
/** replace-existing-sbom: true — detach the SBOM the version has, so another can be attached. */
async function disassociateSbom(iot, ref) {
    await (0,explain_error/* awsCall */.u)({ service: 'IoT', operation: 'DisassociateSbomFromPackageVersion', target: describe(ref) }, 
    // No client token: the commit SHA token belongs to the association that follows.
    () => iot.send(new dist_cjs/* DisassociateSbomFromPackageVersionCommand */.FtI({ ...ref })), iamHint('iot:DisassociateSbomFromPackageVersion'));
}
async function getPackageVersion(iot, ref) {
    return await (0,explain_error/* awsCall */.u)({ service: 'IoT', operation: 'GetPackageVersion', target: describe(ref) }, async () => {
        try {
            return await iot.send(new dist_cjs/* GetPackageVersionCommand */.a2M(ref));
        }
        catch (error) {
            if (error instanceof dist_cjs/* ResourceNotFoundException */.lBX)
                return undefined;
            throw error;
        }
    }, iamHint('iot:GetPackageVersion'));
}
/** Attaches the exact S3 object version. `clientToken` makes a retried call a no-op at AWS. */
async function associateSbom(iot, ref, location, clientToken) {
    const answer = await (0,explain_error/* awsCall */.u)({ service: 'IoT', operation: 'AssociateSbomWithPackageVersion', target: describe(ref) }, () => iot.send(new dist_cjs/* AssociateSbomWithPackageVersionCommand */.XbL({
        ...ref,
        sbom: { s3Location: { ...location } },
        clientToken,
    })), {
        ...iamHint('iot:AssociateSbomWithPackageVersion (and s3:GetObjectVersion on the SBOM object, plus kms:Decrypt for SSE-KMS)'),
        ConflictException: `The client token ${clientToken} was already used for a different SBOM association (AWS keeps tokens per request). When one commit publishes several packages or SBOMs, set client-token to something unique per association, e.g. \${{ github.sha }}-<package>.`,
        ValidationException: `AWS refused the association. If the message is about the S3 object, check that the caller can read s3://${location.bucket}/${location.key} (s3:GetObjectVersion, kms:Decrypt). If it is about the version's state (e.g. already PUBLISHED), attach SBOMs before publishing.`,
        ResourceNotFoundException: `Create the package version first, or set create-package-version: true.`,
    });
    return (answer.sbomValidationStatus ?? 'IN_PROGRESS');
}
/** Polls GetPackageVersion until the validation is final or the deadline passes (no SDK waiter exists). */
async function waitForValidation(iot, ref, options, log) {
    const result = await (0,poll/* pollUntil */.g)(async () => {
        const answer = await getPackageVersion(iot, ref);
        if (answer === undefined)
            throw new errors/* AwsError */.Gy(`AWS IoT ${describe(ref)} disappeared while its SBOM was being validated.`, {
                hint: 'It was deleted during the run: create it again and re-run the job.',
            });
        log.debug(`Validation status of ${describe(ref)}: ${answer.sbomValidationStatus ?? 'none'}`);
        return answer;
    }, (answer) => answer.sbomValidationStatus === 'SUCCEEDED' || answer.sbomValidationStatus === 'FAILED', {
        timeoutMs: options.timeoutSeconds * 1000,
        initialDelayMs: options.initialDelayMs ?? 2_000,
        maxDelayMs: options.maxDelayMs ?? 15_000,
        clock: options.clock,
    });
    const status = (result.value.sbomValidationStatus ?? 'IN_PROGRESS');
    return { status, timedOut: result.timedOut, polls: result.attempts, packageVersion: result.value };
}
/** Every per-file result AWS recorded (both verdicts), across all pages. */
async function listValidationResults(iot, ref) {
    const results = [];
    let nextToken;
    do {
        const page = await (0,explain_error/* awsCall */.u)({ service: 'IoT', operation: 'ListSbomValidationResults', target: describe(ref) }, () => iot.send(new dist_cjs/* ListSbomValidationResultsCommand */.uqz({ ...ref, maxResults: 50, nextToken })), iamHint('iot:ListSbomValidationResults'));
        for (const summary of page.validationResultSummaries ?? [])
            results.push({
                fileName: summary.fileName ?? '(whole SBOM)',
                result: summary.validationResult === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED',
                errorCode: summary.errorCode,
                errorMessage: summary.errorMessage,
            });
        nextToken = page.nextToken;
    } while (nextToken);
    return results;
}
/** The failed ones, in the shape annotations and the summary use. */
function failuresOf(results) {
    return results
        .filter((result) => result.result === 'FAILED')
        .map((result) => ({
        fileName: result.fileName,
        errorCode: result.errorCode ?? 'UNKNOWN',
        errorMessage: result.errorMessage ?? 'no message',
    }));
}
/** DRAFT → PUBLISHED, after AWS accepted the SBOM. */
async function publishPackageVersion(iot, ref) {
    await (0,explain_error/* awsCall */.u)({ service: 'IoT', operation: 'UpdatePackageVersion', target: describe(ref) }, () => iot.send(new dist_cjs/* UpdatePackageVersionCommand */.FQ4({ ...ref, action: 'PUBLISH' })), iamHint('iot:UpdatePackageVersion and iot:GetIndexingConfiguration'));
}
function iamHint(permission) {
    const hint = `The role lacks ${permission}: see the minimal IAM policy in the README.`;
    return { AccessDeniedException: hint, AccessDenied: hint };
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var client_s3_dist_cjs = __webpack_require__(3711);
;// CONCATENATED MODULE: ./src/aws/previous-sbom.ts
// The SBOM this package published before, read back from the bucket for the job summary's diff.


// Enough for years of releases; past it the newest is still found among the keys listed.
const MAX_PAGES = 20;
// Our artifacts are far smaller; anything bigger is not worth a diff in a job summary.
const MAX_BYTES = 64 * 1024 * 1024;
/**
 * The newest object under `packagePrefix` (`<s3-key-prefix><package>/`) other than `currentKey`,
 * or undefined when there is none. Errors (e.g. no s3:ListBucket) propagate as AwsError.
 */
async function findPreviousArtifact(s3, bucket, packagePrefix, currentKey) {
    let newest;
    let token;
    for (let page = 0; page < MAX_PAGES; page += 1) {
        const listing = await (0,explain_error/* awsCall */.u)({ service: 'S3', operation: 'ListObjectsV2', target: `s3://${bucket}/${packagePrefix}` }, () => s3.send(new client_s3_dist_cjs/* ListObjectsV2Command */.u6x({
            Bucket: bucket,
            Prefix: packagePrefix,
            ContinuationToken: token,
        })));
        for (const object of listing.Contents ?? []) {
            if (!object.Key || object.Key === currentKey || !object.LastModified)
                continue;
            if (!newest || object.LastModified > newest.lastModified)
                newest = { key: object.Key, lastModified: object.LastModified, size: object.Size ?? 0 };
        }
        token = listing.NextContinuationToken;
        if (!token)
            break;
    }
    if (!newest || newest.size > MAX_BYTES)
        return undefined;
    const key = newest.key;
    const object = await (0,explain_error/* awsCall */.u)({ service: 'S3', operation: 'GetObject', target: `s3://${bucket}/${key}` }, () => s3.send(new client_s3_dist_cjs/* GetObjectCommand */.jLs({ Bucket: bucket, Key: key })));
    const bytes = await object.Body?.transformToByteArray();
    return bytes ? { key, lastModified: newest.lastModified, bytes } : undefined;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/aws/s3-store.ts




/**
 * AWS IoT stores the S3 object *version* with the package version, so the bucket must keep
 * versions. Suspended versioning hands out the version id "null" and overwrites it in place.
 */
async function requireVersionedBucket(s3, bucket) {
    const answer = await (0,explain_error/* awsCall */.u)({ service: 'S3', operation: 'GetBucketVersioning', target: `bucket ${bucket}` }, () => s3.send(new client_s3_dist_cjs/* GetBucketVersioningCommand */._rj({ Bucket: bucket })), {
        NoSuchBucket: `Bucket ${bucket} does not exist in this account/region: create it with versioning enabled, or fix s3-bucket / aws-region.`,
        AccessDenied: `The role may not read the versioning state of ${bucket}: allow s3:GetBucketVersioning on arn:aws:s3:::${bucket}.`,
    });
    if (answer.Status !== 'Enabled') {
        const state = answer.Status === 'Suspended' ? 'suspended' : 'never enabled';
        throw new errors/* AwsError */.Gy(`S3 bucket ${bucket} does not keep object versions (versioning is ${state}); AWS IoT needs the exact object version of the SBOM.`, {
            hint: `Enable versioning: aws s3api put-bucket-versioning --bucket ${bucket} --versioning-configuration Status=Enabled`,
        });
    }
}
/**
 * Uploads the artifact, or reuses the latest version at the key when its SHA-256 is the same
 * (a re-run of the same commit must not pile up versions). Returns the exact version id.
 */
async function storeArtifact(s3, upload, log) {
    const checksum = Buffer.from(upload.sha256Hex, 'hex').toString('base64');
    const uri = `s3://${upload.bucket}/${upload.key}`;
    const latest = await describeLatestVersion(s3, upload.bucket, upload.key, checksum, log);
    if (latest.identical !== undefined) {
        log.info(`Reusing ${uri} version ${latest.identical}: it already holds this exact artifact (same SHA-256).`);
        return {
            bucket: upload.bucket,
            key: upload.key,
            versionId: latest.identical,
            reused: true,
            uri,
        };
    }
    let answer;
    try {
        answer = await putArtifact(s3, upload, checksum, uri, latest.empty);
    }
    catch (error) {
        // Create-only write lost a race: another run of this commit (matrix, double trigger) uploaded
        // first. Its object is the one to use when it is the same artifact.
        if (!(error instanceof errors/* AwsError */.Gy && error.awsName === 'PreconditionFailed'))
            throw error;
        const winner = await describeLatestVersion(s3, upload.bucket, upload.key, checksum, log);
        if (winner.identical === undefined)
            throw new errors/* AwsError */.Gy(`Another run uploaded a different artifact to ${uri} at the same time (same commit, different content).`, {
                hint: 'Two jobs publish different SBOMs for one package version and commit: give them different package or version names, or serialize them with a concurrency group.',
            });
        log.info(`Reusing ${uri} version ${winner.identical}: a concurrent run of this commit uploaded this exact artifact first.`);
        return {
            bucket: upload.bucket,
            key: upload.key,
            versionId: winner.identical,
            reused: true,
            uri,
        };
    }
    if (!answer.VersionId || answer.VersionId === 'null')
        throw new errors/* AwsError */.Gy(`S3 stored ${uri} without a version id, so AWS IoT cannot be pointed at this exact object.`, {
            hint: `Check that versioning on ${upload.bucket} is Enabled and not being changed concurrently.`,
        });
    log.info(`Uploaded ${uri} (${upload.body.length} bytes), version ${answer.VersionId}.`);
    return { bucket: upload.bucket, key: upload.key, versionId: answer.VersionId, reused: false, uri };
}
/**
 * PutObject with the SHA-256 S3 verifies. `createOnly` (the key has no object yet) adds
 * `If-None-Match: *`, so two concurrent runs cannot both create a version: the second gets 412.
 */
async function putArtifact(s3, upload, checksum, uri, createOnly) {
    return (0,explain_error/* awsCall */.u)({ service: 'S3', operation: 'PutObject', target: uri }, () => s3.send(new client_s3_dist_cjs/* PutObjectCommand */.wKZ({
        Bucket: upload.bucket,
        Key: upload.key,
        Body: upload.body,
        ContentType: upload.contentType,
        ChecksumSHA256: checksum,
        Metadata: { ...upload.metadata },
        ServerSideEncryption: upload.sse,
        SSEKMSKeyId: upload.kmsKeyId,
        IfNoneMatch: createOnly ? '*' : undefined,
    })), {
        AccessDenied: `The role may not write ${uri}: allow s3:PutObject on arn:aws:s3:::${upload.bucket}/* (and kms:GenerateDataKey on the key for SSE-KMS).`,
        BadDigest: 'S3 computed a different SHA-256 than we sent: the upload was corrupted on the way. Re-run the job.',
    });
}
async function describeLatestVersion(s3, bucket, key, checksum, log) {
    let latest;
    try {
        const listing = await (0,explain_error/* awsCall */.u)({ service: 'S3', operation: 'ListObjectVersions', target: `s3://${bucket}/${key}` }, () => s3.send(new client_s3_dist_cjs/* ListObjectVersionsCommand */.uc$({ Bucket: bucket, Prefix: key, MaxKeys: 50 })));
        latest = listing.Versions?.find((version) => version.Key === key && version.IsLatest)?.VersionId;
    }
    catch (error) {
        // Reuse saves a version, nothing more: without s3:ListBucketVersions we just upload.
        log.warning(`Could not list versions of s3://${bucket}/${key}, so an identical earlier upload cannot be reused (${error.message}). Allow s3:ListBucketVersions to avoid duplicate versions on re-runs.`);
        return { identical: undefined, empty: false };
    }
    if (latest === undefined)
        return { identical: undefined, empty: true };
    const head = await (0,explain_error/* awsCall */.u)({ service: 'S3', operation: 'HeadObject', target: `s3://${bucket}/${key}?versionId=${latest}` }, () => s3.send(new client_s3_dist_cjs/* HeadObjectCommand */.l81({
        Bucket: bucket,
        Key: key,
        VersionId: latest,
        ChecksumMode: 'ENABLED',
    })), {
        AccessDenied: `The role may not read s3://${bucket}/${key}: allow s3:GetObjectVersion (AWS IoT needs it too).`,
    });
    log.debug(`Latest version ${latest} at the key has SHA-256 ${head.ChecksumSHA256 ?? 'unknown'}.`);
    return { identical: head.ChecksumSHA256 === checksum ? latest : undefined, empty: false };
}
/** A small JSON side file (the OCSF event) next to the SBOM; a plain versioned put. */
async function putJsonObject(s3, bucket, key, json) {
    const uri = `s3://${bucket}/${key}`;
    const answer = await (0,explain_error/* awsCall */.u)({ service: 'S3', operation: 'PutObject', target: uri }, () => s3.send(new client_s3_dist_cjs/* PutObjectCommand */.wKZ({
        Bucket: bucket,
        Key: key,
        Body: Buffer.from(json),
        ContentType: 'application/json',
        ChecksumSHA256: (0,external_node_crypto_.createHash)('sha256').update(json).digest('base64'),
    })), { AccessDenied: `The role may not write ${uri}: allow s3:PutObject on that prefix.` });
    return answer.VersionId;
}

// EXTERNAL MODULE: ./src/sbom/diff.ts
var sbom_diff = __webpack_require__(3394);
;// CONCATENATED MODULE: ./src/publish.ts







const CONTENT_TYPES = { zip: 'application/zip', json: 'application/vnd.cyclonedx+json' };
/** Versioned S3 upload (or reuse), association with the commit SHA token, and the verdict. */
async function publishToAws(config, target, context, { log, outputs, clock, env }, { artifact, artifactSha256 }, ocsf) {
    const { s3, iot } = (0,clients.createAwsClients)({ region: target.region, env });
    const ref = { packageName: config.packageName, versionName: config.versionName };
    const runUrl = `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}`;
    // Check the IoT side before writing to S3: a missing version should not leave an orphan object.
    const current = await ensurePackageVersion(iot, ref, {
        allowed: config.createPackageVersion,
        description: `Created by ${action_info/* ACTION_NAME */.px} for ${context.repository}@${config.commitSha}`,
        attributes: { commit: config.commitSha, repository: context.repository, run: runUrl },
    }, log);
    // Another SBOM at another key (another commit, or another tool) is attached: refuse before
    // uploading anything, unless asked to replace it.
    if (current && current.location.key !== target.key && !config.replaceExistingSbom)
        throw refuseReplacing(ref, current.location);
    await requireVersionedBucket(s3, target.bucket);
    const stored = await storeArtifact(s3, {
        bucket: target.bucket,
        key: target.key,
        body: artifact,
        sha256Hex: artifactSha256,
        contentType: CONTENT_TYPES[config.archive],
        metadata: {
            'commit-sha': config.commitSha,
            repository: context.repository,
            'package-name': config.packageName,
            'version-name': config.versionName,
        },
        sse: target.sse,
        kmsKeyId: target.kmsKeyId,
    }, log);
    outputs.set('s3-uri', stored.uri);
    outputs.set('s3-key', stored.key);
    outputs.set('s3-version-id', stored.versionId);
    outputs.set('reused', String(stored.reused));
    if (ocsf && config.ocsfKeyPrefix) {
        const key = `${config.ocsfKeyPrefix}${config.packageName}/${config.versionName}/${config.commitSha}.ocsf.json`;
        await putJsonObject(s3, target.bucket, key, ocsf.json);
        log.info(`OCSF event uploaded to s3://${target.bucket}/${key}.`);
    }
    const location = { bucket: stored.bucket, key: stored.key, version: stored.versionId };
    let status;
    if (current && sameObjectVersion(current.location, location)) {
        // A re-run (or a concurrent run) already attached exactly this object version.
        status = current.status;
        log.info(`${ref.packageName}@${ref.versionName} already has ${describeObjectVersion(location)} associated; not associating again (validation ${status}).`);
    }
    else {
        if (current) {
            if (!config.replaceExistingSbom)
                throw refuseReplacing(ref, current.location);
            await disassociateSbom(iot, ref);
            log.info(`replace-existing-sbom: detached ${describeObjectVersion(current.location)} from ${ref.packageName}@${ref.versionName}.`);
        }
        status = await associateSbom(iot, ref, location, config.clientToken);
        log.info(`Associated ${stored.uri} (version ${stored.versionId}) with ${ref.packageName}@${ref.versionName}, client token ${config.clientToken}; validation ${status}.`);
    }
    let timedOut = false;
    if (config.waitForValidation && status === 'IN_PROGRESS') {
        const outcome = await waitForValidation(iot, ref, { timeoutSeconds: config.validationTimeoutSeconds, clock }, log);
        status = outcome.status;
        timedOut = outcome.timedOut;
        log.info(`AWS validation: ${status} after ${outcome.polls} poll(s).`);
    }
    outputs.set('validation-status', status);
    const files = status === 'FAILED' || status === 'SUCCEEDED' ? await listValidationResults(iot, ref) : [];
    const failures = failuresOf(files);
    let published = false;
    if (config.publishPackageVersion && status === 'SUCCEEDED') {
        await publishPackageVersion(iot, ref);
        published = true;
        log.info(`Published ${ref.packageName}@${ref.versionName}.`);
    }
    const previous = await compareWithPrevious(s3, target, artifact, log);
    return { stored, validation: { status, timedOut, failures, files }, published, previous };
}
/** The diff against this package's previous SBOM in the bucket; a failure only costs the diff. */
async function compareWithPrevious(s3, target, artifact, log) {
    try {
        const previous = await findPreviousArtifact(s3, target.bucket, target.packagePrefix, target.key);
        if (previous === undefined) {
            log.info(`No earlier SBOM under s3://${target.bucket}/${target.packagePrefix} to compare with.`);
            return undefined;
        }
        const before = (0,sbom_diff/* readArtifactDocuments */.x)(previous.bytes);
        const after = (0,sbom_diff/* readArtifactDocuments */.x)(artifact);
        if (before === undefined || after === undefined) {
            log.info(`s3://${target.bucket}/${previous.key} is not an SBOM artifact; no diff.`);
            return undefined;
        }
        const diff = (0,sbom_diff/* diffComponents */._)(before, after);
        log.info(`Since s3://${target.bucket}/${previous.key}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed version, ${diff.unchanged} unchanged.`);
        const versionName = previous.key.slice(target.packagePrefix.length).split('/')[0] ?? '';
        return { key: previous.key, versionName, lastModified: previous.lastModified, diff };
    }
    catch (error) {
        log.warning(`Could not compare with the previous SBOM of this package (${error.message}). The diff needs s3:ListBucket on the package's prefix and s3:GetObject.`, 'No SBOM diff');
        return undefined;
    }
}
function refuseReplacing(ref, existing) {
    return new errors/* AwsError */.Gy(`${ref.packageName}@${ref.versionName} already has a different SBOM associated: ${describeObjectVersion(existing)}. Nothing was associated.`, {
        hint: 'A package version holds one SBOM. If this run should replace it (e.g. a rebuilt release), set replace-existing-sbom: true; otherwise publish under a new version-name.',
    });
}


/***/ })

};
