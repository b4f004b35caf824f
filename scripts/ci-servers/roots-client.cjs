// An MCP client that offers roots (the official TypeScript SDK, as editors
// use it): starts `techspec mcp` in a folder that is no project, offers the
// workspace as its root, checks a spec there, then moves the root and sees
// the server follow (notifications/roots/list_changed).
// Usage: node roots-client.cjs TECHSPEC_BIN EMPTY_DIR WORKSPACE SPEC_REL
const { Client } = require("@modelcontextprotocol/sdk/client/index.js");
const { StdioClientTransport } = require("@modelcontextprotocol/sdk/client/stdio.js");
const { ListRootsRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const { pathToFileURL } = require("node:url");

const [bin, empty, workspace, spec] = process.argv.slice(2);
let roots = [{ uri: pathToFileURL(workspace).href, name: "workspace" }];

function fail(msg) {
  console.error(`roots-client: ${msg}`);
  process.exit(1);
}

(async () => {
  const client = new Client(
    { name: "techspec-ci-roots", version: "1.0.0" },
    { capabilities: { roots: { listChanged: true } } },
  );
  client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots }));
  const transport = new StdioClientTransport({ command: bin, args: ["mcp"], cwd: empty, stderr: "inherit" });
  await client.connect(transport);
  let r = await client.callTool({ name: "techspec_check", arguments: { path: spec } });
  if (r.isError || r.structuredContent.summary.errors !== 1) {
    fail(`with the workspace as root, expected 1 error: ${JSON.stringify(r)}`);
  }
  roots = [{ uri: pathToFileURL(empty).href, name: "empty" }];
  await client.sendRootsListChanged();
  // The server asks again; give it the time to.
  await new Promise((res) => setTimeout(res, 500));
  r = await client.callTool({ name: "techspec_check", arguments: { path: spec } });
  if (!r.isError || !JSON.stringify(r.content).includes("does not exist")) {
    fail(`after the roots changed, expected the spec to be outside: ${JSON.stringify(r)}`);
  }
  console.log("roots-client: the server works in the client's root and follows its changes");
  await client.close();
})().catch((e) => fail(e.stack || String(e)));
