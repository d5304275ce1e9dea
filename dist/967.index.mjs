export const id = 967;
export const ids = [967];
export const modules = {

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

/***/ 3967:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   exportInspectorSboms: () => (/* binding */ exportInspectorSboms)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_inspector2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3222);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3711);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8382);
/* harmony import */ var _shared_poll_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9340);
/* harmony import */ var _explain_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6221);
// generator: inspector — Amazon Inspector exports the SBOMs of the resources it scanned (container
// images, Lambda functions…) into S3; the action reads them back for normalization.





const FAILURE_HINTS = {
    NO_FINDINGS_FOUND: 'No resource Inspector scans matched the filter: check the repository, tag or function name, and that Inspector scans it (Inspector console → Resources coverage).',
    INVALID_PERMISSIONS: 'Inspector could not write to the bucket or use the key: the bucket policy must let inspector2.amazonaws.com put objects, and the KMS key policy must let it use the key (see the README).',
    BUCKET_NOT_FOUND: 'The destination bucket does not exist: check inspector-s3-bucket (or s3-bucket).',
    INCOMPATIBLE_BUCKET_REGION: 'The destination bucket must be in the region the action runs Inspector in (aws-region).',
    MALFORMED_KMS_KEY: 'inspector-kms-key-arn is not a usable KMS key ARN for this region.',
};
/** CreateSbomExport → wait (cancel at the deadline) → the exported JSON files. */
async function exportInspectorSboms(clients, request, log) {
    const { inspector } = clients;
    const destination = `s3://${request.bucket}/${request.keyPrefix}`;
    const created = await (0,_explain_error_js__WEBPACK_IMPORTED_MODULE_2__/* .awsCall */ .u)({ service: 'Inspector', operation: 'CreateSbomExport', target: destination }, () => inspector.send(new _aws_sdk_client_inspector2__WEBPACK_IMPORTED_MODULE_3__/* .CreateSbomExportCommand */ .rcM({
        reportFormat: request.reportFormat,
        resourceFilterCriteria: request.filter,
        s3Destination: {
            bucketName: request.bucket,
            keyPrefix: request.keyPrefix,
            kmsKeyArn: request.kmsKeyArn,
        },
    })), { AccessDeniedException: 'The role lacks inspector2:CreateSbomExport (see the README).' });
    const reportId = created.reportId ?? '';
    log.info(`Inspector SBOM export ${reportId} started (${request.reportFormat}) into ${destination}.`);
    const outcome = await (0,_shared_poll_js__WEBPACK_IMPORTED_MODULE_1__/* .pollUntil */ .g)(() => (0,_explain_error_js__WEBPACK_IMPORTED_MODULE_2__/* .awsCall */ .u)({ service: 'Inspector', operation: 'GetSbomExport', target: `report ${reportId}` }, () => inspector.send(new _aws_sdk_client_inspector2__WEBPACK_IMPORTED_MODULE_3__/* .GetSbomExportCommand */ .v$K({ reportId }))), (answer) => answer.status !== 'IN_PROGRESS', {
        timeoutMs: request.timeoutSeconds * 1000,
        initialDelayMs: 2_000,
        maxDelayMs: 15_000,
        clock: request.clock,
    });
    const status = outcome.value.status;
    if (outcome.timedOut) {
        await (0,_explain_error_js__WEBPACK_IMPORTED_MODULE_2__/* .awsCall */ .u)({ service: 'Inspector', operation: 'CancelSbomExport', target: `report ${reportId}` }, () => inspector.send(new _aws_sdk_client_inspector2__WEBPACK_IMPORTED_MODULE_3__/* .CancelSbomExportCommand */ .taW({ reportId })));
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy(`Inspector SBOM export ${reportId} was still IN_PROGRESS after ${request.timeoutSeconds} s; it was cancelled.`, { hint: 'Raise inspector-timeout-seconds, or narrow the resource filter.' });
    }
    if (status !== 'SUCCEEDED') {
        const code = outcome.value.errorCode;
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy(`Inspector SBOM export ${reportId} ended ${status}${code ? ` (${code})` : ''}: ${outcome.value.errorMessage ?? 'no message'}.`, {
            hint: (code && FAILURE_HINTS[code]) || 'Check the export in the Inspector console, then retry.',
        });
    }
    const files = await readExportedFiles(clients.s3, request);
    if (files.length === 0)
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy(`Inspector SBOM export ${reportId} succeeded but wrote no SBOM under ${destination}.`, {
            hint: FAILURE_HINTS.NO_FINDINGS_FOUND,
        });
    log.info(`Inspector exported ${files.length} SBOM file(s): ${files.map((f) => f.key).join(', ')}`);
    return files;
}
async function readExportedFiles(s3, request) {
    const keys = [];
    let token;
    do {
        const page = await (0,_explain_error_js__WEBPACK_IMPORTED_MODULE_2__/* .awsCall */ .u)({
            service: 'S3',
            operation: 'ListObjectsV2',
            target: `s3://${request.bucket}/${request.keyPrefix}`,
        }, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_4__/* .ListObjectsV2Command */ .u6x({
            Bucket: request.bucket,
            Prefix: request.keyPrefix,
            ContinuationToken: token,
        })), {
            AccessDenied: `The role may not list s3://${request.bucket}/${request.keyPrefix}: allow s3:ListBucket.`,
        });
        for (const object of page.Contents ?? [])
            if (object.Key?.endsWith('.json'))
                keys.push({ key: object.Key, size: object.Size ?? 0 });
        token = page.NextContinuationToken;
    } while (token);
    const files = [];
    for (const { key, size } of keys.sort((a, b) => a.key.localeCompare(b.key))) {
        if (size > request.maxBytes)
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy(`Inspector exported s3://${request.bucket}/${key} of ${size} bytes, over max-sbom-size-mb.`, {
                hint: 'Raise max-sbom-size-mb, or narrow the resource filter.',
            });
        const object = await (0,_explain_error_js__WEBPACK_IMPORTED_MODULE_2__/* .awsCall */ .u)({ service: 'S3', operation: 'GetObject', target: `s3://${request.bucket}/${key}` }, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_4__/* .GetObjectCommand */ .jLs({ Bucket: request.bucket, Key: key })), {
            AccessDenied: `The role may not read s3://${request.bucket}/${key}: allow s3:GetObject (and kms:Decrypt on the export key).`,
        });
        files.push({ key, content: Buffer.from((await object.Body?.transformToByteArray()) ?? []) });
    }
    return files;
}


/***/ })

};
