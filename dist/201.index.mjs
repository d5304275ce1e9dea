export const id = 201;
export const ids = [201];
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


/***/ })

};
