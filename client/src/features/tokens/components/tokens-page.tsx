import type { ApiToken } from "@practice-kb/shared";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFetcher } from "react-router";
import { Field } from "@/components/field";
import { FormFooter } from "@/components/form-footer";
import { CopyIcon, StatusIcon } from "@/components/icons";
import { RoleOptions } from "@/components/role-options";
import { ActionStatus } from "@/components/status";
import { copyText } from "@/lib/clipboard";
import { useDocumentTitle } from "@/lib/dom";
import { useFormatters } from "@/lib/format";
import type { TokensResult } from "../tokens-action";

const FETCHER = "tokens-change";

function useChange() {
  return useFetcher<TokensResult>({ key: FETCHER });
}

/** API tokens for integrations: created for a role and shown once, listed, revoked (administrators). */
export function TokensPage({ tokens }: { tokens: ApiToken[] }) {
  const { t } = useTranslation();
  const fetcher = useChange();
  useDocumentTitle(t("tokens.title"), t("app.name"));
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const message = result?.intent === "revoke" && result.ok ? t("tokens.revoked", { name: result.name }) : null;

  return (
    <div className="admin-page">
      <h1 className="page-title">{t("tokens.title")}</h1>
      <p className="lead">{t("tokens.intro")}</p>
      <ActionStatus message={message} />
      {result?.intent === "create" && result.ok ? <NewSecret name={result.name} secret={result.secret} /> : null}
      <CreateToken />
      <section className="list-section" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="section-title">
          {t("tokens.listTitle")} <span className="section-count">({tokens.length})</span>
        </h2>
        {tokens.length === 0 ? (
          <p>{t("tokens.empty")}</p>
        ) : (
          <ul className="plain-list">
            {tokens.map((token) => (
              <li key={token.id}>
                <TokenRow token={token} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** The new token's secret, shown this once, with a copy button. */
function NewSecret({ name, secret }: { name: string; secret: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="banner banner-ok new-secret" aria-labelledby="secret-heading">
      <div className="banner-body">
        <h2 id="secret-heading" className="banner-title" ref={headingRef} tabIndex={-1}>
          {t("tokens.createdTitle", { name })}
        </h2>
        <p>{t("tokens.createdText")}</p>
        <div className="secret-row">
          <label htmlFor="new-token-secret" className="visually-hidden">
            {t("tokens.secret")}
          </label>
          <input
            id="new-token-secret"
            className="secret"
            type="text"
            readOnly
            value={secret}
            onFocus={(event) => event.currentTarget.select()}
          />
          <button
            type="button"
            className="button button-primary"
            onClick={async () => setCopied(await copyText(secret))}
          >
            <CopyIcon />
            {copied ? t("tokens.copied") : t("tokens.copy")}
          </button>
        </div>
        <p role="status">{copied === false ? t("tokens.copyFailed") : copied ? t("tokens.copiedStatus") : ""}</p>
        <p className="muted">{t("tokens.usage")}</p>
      </div>
    </section>
  );
}

function CreateToken() {
  const { t } = useTranslation();
  const fetcher = useChange();
  const [formKey, setFormKey] = useState(0);
  const result = fetcher.state === "idle" && fetcher.data?.intent === "create" ? fetcher.data : undefined;
  const busy = fetcher.state !== "idle" && fetcher.formData?.get("intent") === "create";

  useEffect(() => {
    if (result?.ok) setFormKey((key) => key + 1);
  }, [result]);

  const nameError = result && !result.ok ? result.fieldErrors?.name : undefined;
  return (
    <section className="card admin-form" aria-labelledby="create-token-heading">
      <h2 id="create-token-heading" className="section-title">
        {t("tokens.create")}
      </h2>
      <fetcher.Form method="post" key={formKey} noValidate className="inline-form">
        <input type="hidden" name="intent" value="create" />
        <div className="field-row">
          <Field
            name="new-token-name"
            label={t("tokens.name")}
            hint={t("tokens.nameHint")}
            errors={nameError ? [t(`tokens.errors.${nameError}`)] : []}
          >
            {(control) => <input {...control} name="name" type="text" maxLength={120} autoComplete="off" />}
          </Field>
          <Field name="new-token-role" label={t("tokens.role")} hint={t("tokens.roleHint")} errors={[]}>
            {(control) => (
              <select {...control} name="role" defaultValue="staff">
                <RoleOptions />
              </select>
            )}
          </Field>
        </div>
        <FormFooter
          failure={result && !result.ok && result.message ? t("tokens.failed", { message: result.message }) : null}
          busy={busy}
          label={t("tokens.createNow")}
          busyLabel={t("tokens.creating")}
        />
      </fetcher.Form>
    </section>
  );
}

function TokenRow({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const fetcher = useChange();
  const [confirming, setConfirming] = useState(false);
  const result =
    fetcher.state === "idle" && fetcher.data?.intent === "revoke" && fetcher.data.id === token.id
      ? fetcher.data
      : undefined;
  const headingId = `token-${token.id}`;
  const revoked = token.revokedAt !== null;
  return (
    <article className={revoked ? "card token is-inactive" : "card token"} aria-labelledby={headingId}>
      <h3 className="card-title" id={headingId}>
        {token.name}
      </h3>
      <div className="card-meta">
        <span className="badge role-badge">{t(`roles.${token.role}`)}</span>
        <span className={revoked ? "status-badge status-bad" : "status-badge status-ok"}>
          <StatusIcon shape={revoked ? "cross" : "check"} />
          {revoked ? t("tokens.revokedOn", { date: format.dateTime(token.revokedAt ?? "") }) : t("tokens.active")}
        </span>
      </div>
      <p className="muted">
        {t("tokens.createdBy", { name: token.createdBy, date: format.dateTime(token.createdAt) })} ·{" "}
        {token.lastUsedAt ? t("tokens.lastUsed", { date: format.dateTime(token.lastUsedAt) }) : t("tokens.neverUsed")}
      </p>
      {!revoked &&
        (confirming ? (
          <fetcher.Form method="post" className="form-actions confirm">
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="id" value={token.id} />
            <span>{t("tokens.confirmRevoke", { name: token.name })}</span>
            <button
              type="submit"
              className="button button-danger-solid button-small"
              disabled={fetcher.state !== "idle"}
            >
              {t("tokens.revokeNow")}
            </button>
            <button type="button" className="button button-secondary button-small" onClick={() => setConfirming(false)}>
              {t("tokens.cancel")}
            </button>
          </fetcher.Form>
        ) : (
          <div className="card-actions">
            <button
              type="button"
              className="button button-secondary button-small button-danger"
              onClick={() => setConfirming(true)}
            >
              {t("tokens.revoke")}
              <span className="visually-hidden">: {token.name}</span>
            </button>
          </div>
        ))}
      {result && !result.ok && (
        <p className="field-error" role="alert">
          {t("tokens.failed", { message: result.message })}
        </p>
      )}
    </article>
  );
}
