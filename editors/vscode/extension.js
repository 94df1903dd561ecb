// The journeymap extension's code: start `journeymap lsp` as a language client when it is there.
//
// The colouring comes from the TextMate grammar in package.json and needs no
// code, so everything here is optional: without the vscode-languageclient
// module (an extension copied without `npm install`), without the journeymap
// command, or without its `lsp` extra, the extension keeps the colouring and
// starts nothing. The command is the setting `journeymap.server.command`.
"use strict";

const childProcess = require("child_process");
const vscode = require("vscode");

let client = null;

function settings() {
  const config = vscode.workspace.getConfiguration("journeymap");
  return {
    enabled: config.get("server.enabled", true),
    command: config.get("server.command", "journeymap"),
    args: config.get("server.args", ["lsp"]),
    root: config.get("server.root", ""),
  };
}

// Whether `command lsp --probe` says the server can run: the command exists and has the extra.
function canRun(command, args) {
  const probe = childProcess.spawnSync(command, [...args, "--probe"], {
    encoding: "utf-8",
    timeout: 20000,
  });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? probe.error.message : (probe.stderr || "").trim();
    return { ok: false, why };
  }
  return { ok: true, why: "" };
}

function activate(context) {
  const wanted = settings();
  if (!wanted.enabled) {
    return;
  }
  let languageClient;
  try {
    languageClient = require("vscode-languageclient/node");
  } catch (error) {
    return; // packaged without its dependencies: colouring only
  }
  const found = canRun(wanted.command, wanted.args);
  if (!found.ok) {
    const output = vscode.window.createOutputChannel("journeymap");
    output.appendLine(
      `journeymap: the language server did not start (${found.why || "no journeymap command"}).`
    );
    output.appendLine("Install it with: pip install 'journeymap[lsp]', or set journeymap.server.command.");
    context.subscriptions.push(output);
    return;
  }
  const server = { command: wanted.command, args: wanted.args };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "journey" }, { scheme: "untitled", language: "journey" }],
    initializationOptions: wanted.root ? { root: wanted.root } : {},
  };
  client = new languageClient.LanguageClient(
    "journeymap",
    "journeymap language server",
    { run: server, debug: server },
    clientOptions
  );
  client.start();
  context.subscriptions.push({ dispose: () => deactivate() });
}

function deactivate() {
  if (client === null) {
    return undefined;
  }
  const stopping = client.stop();
  client = null;
  return stopping;
}

module.exports = { activate, deactivate, settings, canRun };
