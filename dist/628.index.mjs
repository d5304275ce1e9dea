export const id = 628;
export const ids = [628];
export const modules = {

/***/ 4628:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   exportDependencyGraph: () => (/* binding */ exportDependencyGraph)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8382);
// The `github-dependency-graph` generator: GitHub's SPDX 2.3 export of the repository's
// dependency graph (GET /repos/{owner}/{repo}/dependency-graph/sbom).


/** The SPDX document, as JSON text. */
async function exportDependencyGraph(request) {
    const [owner, repo] = request.repository.split('/');
    if (!owner || !repo)
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`generator github-dependency-graph needs the repository as owner/name, but GITHUB_REPOSITORY is "${request.repository}".`);
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(request.token, { baseUrl: request.apiUrl, request: { retries: 2 } });
    let data;
    try {
        ;
        ({ data } = await octokit.request('GET /repos/{owner}/{repo}/dependency-graph/sbom', {
            owner,
            repo,
        }));
    }
    catch (error) {
        throw explainGitHubError(error, request);
    }
    const sbom = data?.sbom;
    if (typeof sbom !== 'object' || sbom === null)
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`The GitHub dependency graph export for ${request.repository} (${request.apiUrl}) answered without an "sbom" object.`, {
            hint: 'Check that GITHUB_API_URL points at the GitHub API, or use generator: npm / command.',
        });
    return JSON.stringify(sbom);
}
function explainGitHubError(error, request) {
    const status = error.status;
    const message = error.message ?? String(error);
    const where = `GET ${request.apiUrl}/repos/${request.repository}/dependency-graph/sbom`;
    if (status === 401)
        return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${where} answered 401: the github-token was not accepted.`, {
            hint: 'Leave github-token at its default (${{ github.token }}) or pass a valid token.',
        });
    if (status === 403)
        return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${where} answered 403: the token may not read the dependency graph (${message}).`, {
            hint: 'Give the job `permissions: contents: read` (the default GITHUB_TOKEN needs it), or pass a github-token that can read the repository.',
        });
    if (status === 404)
        return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${where} answered 404: the dependency graph is not available for ${request.repository} (${message}).`, {
            hint: "Enable it under Settings → Code security → Dependency graph (GitHub Enterprise Server: an administrator enables it for the instance), check the token's access to the repository, or use generator: npm / command.",
        });
    return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${where} failed${typeof status === 'number' ? ` with HTTP ${status}` : ''}: ${message}`, { cause: error, hint: 'Retry the job; if it persists, use generator: npm or command.' });
}


/***/ })

};
