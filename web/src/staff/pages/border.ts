// The border officer: the visa's QR code read with the camera (or the visa number typed) with the passport presented;
// the seal checked here against the published keys, so a poor network still gives an answer (R11); the service's
// verification when it answers (revoked, already used; R10); and the entry or exit recorded at NQZ or ALA (R4).
import { ApiProblem, call } from "../../api";
import { country } from "../../choices";
import { add, h, type Child } from "../../dom";
import { form, type Values } from "../../form";
import { t } from "../../i18n";
import { heading, paragraph, showProblem, summaryList } from "../../page";
import { canScan, scanQr } from "../scan";
import { checkSeal, loadKeys, looksLikeSeal, type KeySet, type SealCheck } from "../seal";
import { date, dateTime, notice } from "../view";

const checkpoints = ["NQZ", "ALA"];
const checkpointKey = "evisa.checkpoint";

interface Crossing {
  at: string;
  checkpoint: string;
}

interface Verification {
  visaNumber: string;
  valid: boolean;
  reasons: string[];
  visa: { entry: Crossing | null; exit: Crossing | null; validFrom: string; validUntil: string } | null;
}

const normalise = (passport: string) => passport.replace(/\s+/g, "").toUpperCase();

/** Today in Kazakhstan (UTC+5), as the service counts a visa's days. */
function todayInKazakhstan(): string {
  return new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
}

export function borderPage(main: HTMLElement): void {
  const problem = h("div");
  const keysStatus = h("p", { class: "body caption", id: "keys-status", role: "status" }, t("staff.loading"));
  const result = h("section", { id: "result", "aria-labelledby": "result-title", hidden: true });
  let keySet: KeySet | null = null;
  const keysReady = loadKeys().then((loaded) => {
    keySet = loaded.keySet;
    keysStatus.textContent = !loaded.keySet
      ? t("staff.border.keys-none")
      : loaded.offline
        ? t("staff.border.keys-offline", { at: dateTime(new Date(loaded.keySet.fetchedAt).toISOString()) })
        : t("staff.border.keys-fresh", { count: loaded.keySet.keys.length });
  });

  const video = h("video", { class: "scanner__video", muted: true, playsinline: true, hidden: true, "aria-label": t("staff.border.camera") });
  let scanning: { stop: () => void } | null = null;
  const scanButton = canScan()
    ? h("button", {
      type: "button", class: "button button--secondary", id: "scan", onclick: async () => {
        if (scanning) {
          scanning.stop();
          scanning = null;
          video.hidden = true;
          scanButton!.textContent = t("staff.border.scan");
          return;
        }
        video.hidden = false;
        scanButton!.textContent = t("staff.border.scan-stop");
        const scan = scanQr(video);
        scanning = scan;
        try {
          const code = await scan.result;
          const input = document.getElementById("field-code") as HTMLInputElement;
          input.value = code;
          // The notice first: it takes the focus, which then goes on to the field the notice asks for.
          notice(scanNotice, t("staff.border.scanned"));
          (document.getElementById("field-passportNumber") as HTMLInputElement).focus();
        } catch (error) {
          showProblem(problem, new ApiProblem(0, "camera-unavailable", {}, null, String(error)));
        } finally {
          scanning = null;
          video.hidden = true;
          scanButton!.textContent = t("staff.border.scan");
        }
      },
    }, t("staff.border.scan"))
    : null;
  const scanNotice = h("div");

  const remembered = localStorage.getItem(checkpointKey) ?? "";
  add(main, problem, heading("staff.border.title"), paragraph(t("staff.border.lead")), keysStatus,
    scanButton ? h("div", { class: "scanner" }, scanButton, video, scanNotice) : paragraph(t("staff.border.no-camera")),
    form([
      { name: "code", label: t("staff.field.code"), hint: t("staff.field.code-hint"), kind: "text", monospace: true },
      { name: "passportNumber", label: t("staff.field.presentedPassport"), hint: t("field.number-hint"), kind: "text", width: "medium", monospace: true },
      { name: "checkpoint", label: t("staff.field.checkpoint"), kind: "radios", options: checkpoints.map((value) => ({ value, label: t(`checkpoint.${value}`) })) },
    ], { checkpoint: checkpoints.includes(remembered) ? remembered : "" }, t("staff.border.verify"), async (values: Values) => {
      localStorage.setItem(checkpointKey, values.checkpoint);
      await keysReady;
      await verify(values, keySet, result, problem);
    }),
    result);
}

async function verify(values: Values, keySet: KeySet | null, result: HTMLElement, problem: HTMLElement): Promise<void> {
  problem.replaceChildren();
  const code = values.code.trim();
  const passport = normalise(values.passportNumber);
  const reasons: string[] = [];
  let seal: SealCheck | null = null;
  let visaNumber = code.replace(/\s+/g, "");

  if (looksLikeSeal(code)) {
    if (!keySet) reasons.push("seal-no-keys");
    else {
      seal = await checkSeal(code, keySet);
      if (!seal.valid) reasons.push(`seal-${seal.failure}`);
      else {
        visaNumber = seal.data.visaNumber;
        // R10 and the dates, from the seal alone: what the page can tell without the service.
        if (normalise(seal.data.passportNumber) !== passport) reasons.push("passport-mismatch");
        const today = todayInKazakhstan();
        if (today < seal.data.validFrom) reasons.push("not-yet-valid");
        if (today > seal.data.validUntil) reasons.push("expired");
      }
    }
  }

  let online: Verification | null = null;
  let offline = false;
  if (seal === null || seal.valid) {
    try {
      online = (await call<Verification>("GET",
        `/api/visas/${encodeURIComponent(visaNumber)}/verification?passportNumber=${encodeURIComponent(passport)}`, { signedIn: true })).body;
      for (const reason of online.reasons) if (!reasons.includes(reason)) reasons.push(reason);
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 0) offline = true;
      else {
        showProblem(problem, error);
        return;
      }
    }
  }

  const valid = reasons.length === 0 && (online?.valid ?? seal?.valid ?? false);
  const rows: [string, Child][] = [[t("staff.field.visaNumber"), h("span", { class: "mono", id: "result-visa" }, visaNumber)]];
  if (seal?.valid) {
    const d = seal.data;
    rows.push(
      [t("staff.seal.holder"), `${d.surname} ${d.givenNames}`.trim()],
      [t("staff.seal.passport"), h("span", { class: "mono" }, d.passportNumber)],
      [t("staff.seal.nationality"), country(d.nationality)],
      [t("staff.seal.birth"), date(d.dateOfBirth)],
      [t("staff.seal.category"), t(`category.${d.category}`)],
      [t("staff.seal.validity"), `${date(d.validFrom)} – ${date(d.validUntil)}`],
    );
  }
  if (online?.visa?.entry) rows.push([t("staff.border.entry"), `${dateTime(online.visa.entry.at)}, ${online.visa.entry.checkpoint}`]);
  if (online?.visa?.exit) rows.push([t("staff.border.exit"), `${dateTime(online.visa.exit.at)}, ${online.visa.exit.checkpoint}`]);

  const outcome = h("div");
  const record = (kind: "entries" | "exits") => async (event: Event) => {
    const button = event.currentTarget as HTMLButtonElement;
    button.disabled = true;
    try {
      const answer = await call<{ entry: Crossing | null; exit: Crossing | null }>("POST", `/api/visas/${encodeURIComponent(visaNumber)}/${kind}`, {
        signedIn: true, body: { checkpoint: values.checkpoint, passportNumber: passport },
      });
      const crossing = kind === "entries" ? answer.body.entry : answer.body.exit;
      actions.remove();
      notice(outcome, paragraph(t(kind === "entries" ? "staff.border.entry-recorded" : "staff.border.exit-recorded",
        { checkpoint: t(`checkpoint.${crossing?.checkpoint ?? values.checkpoint}`), at: dateTime(crossing?.at) })));
    } catch (error) {
      showProblem(outcome, error);
    } finally {
      button.disabled = false;
    }
  };
  const checkpointName = t(`checkpoint.${values.checkpoint}`);
  // R1: one entry; the exit once the holder is in (a revoked or expired visa never keeps a traveller in).
  const canEnter = valid && online !== null && !online.visa?.entry;
  const canExit = online?.visa?.entry && !online.visa.exit && !reasons.includes("passport-mismatch") && !reasons.some((r) => r.startsWith("seal-"));

  const actions = h("div", { class: "button-group" },
    canEnter ? h("button", { type: "button", class: "button", onclick: record("entries") }, t("staff.border.record-entry", { checkpoint: checkpointName })) : null,
    canExit ? h("button", { type: "button", class: "button button--secondary", onclick: record("exits") }, t("staff.border.record-exit", { checkpoint: checkpointName })) : null);
  result.hidden = false;
  result.replaceChildren(
    h("div", { class: `verdict ${valid ? "verdict--valid" : "verdict--invalid"}`, role: "status", tabindex: "-1", id: "verdict" },
      h("h2", { class: "heading-m verdict__title", id: "result-title" }, t(valid ? "staff.border.valid" : "staff.border.invalid")),
      seal?.valid ? paragraph(t("staff.border.seal-valid", { key: seal.keyId })) : null,
      reasons.length ? h("ul", { class: "list reasons", id: "reasons" }, ...reasons.map((reason) =>
        h("li", { "data-reason": reason }, t(`staff.reason.${reason}`)))) : null,
      offline ? paragraph(t("staff.border.offline")) : null),
    summaryList(rows),
    outcome,
    actions);
  result.querySelector<HTMLElement>("#verdict")?.focus();
}
