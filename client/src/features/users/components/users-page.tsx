import type { User } from "@practice-kb/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFetcher } from "react-router";
import { Field } from "@/components/field";
import { FormFooter } from "@/components/form-footer";
import { StatusIcon } from "@/components/icons";
import { RoleOptions } from "@/components/role-options";
import { ActionStatus } from "@/components/status";
import { useDocumentTitle } from "@/lib/dom";
import { useFormatters } from "@/lib/format";
import { useCurrentUser } from "@/lib/session";
import type { UserFieldError, UsersResult } from "../users-action";

/** Every form of the page posts through this fetcher, so the outcome is reported in one place. */
const FETCHER = "users-change";

function useChange() {
  return useFetcher<UsersResult>({ key: FETCHER });
}

/** Accounts: create, change role, deactivate or reactivate, set a new password (administrators). */
export function UsersPage({ users }: { users: User[] }) {
  const { t } = useTranslation();
  const fetcher = useChange();
  useDocumentTitle(t("users.title"), t("app.name"));
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const message = result?.ok ? t(`users.done.${result.intent}`, { name: result.name ?? "" }) : null;

  return (
    <div className="admin-page">
      <h1 className="page-title">{t("users.title")}</h1>
      <p className="lead">{t("users.intro")}</p>
      <ActionStatus message={message} />
      <CreateUser />
      <section className="list-section" aria-labelledby="users-heading">
        <h2 id="users-heading" className="section-title">
          {t("users.listTitle")} <span className="section-count">({users.length})</span>
        </h2>
        <ul className="plain-list">
          {users.map((user) => (
            <li key={user.id}>
              <UserRow user={user} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function fieldError(t: ReturnType<typeof useTranslation>["t"], error: UserFieldError | undefined): string[] {
  return error ? [t(`users.errors.${error}`)] : [];
}

function CreateUser() {
  const { t } = useTranslation();
  const fetcher = useChange();
  const [formKey, setFormKey] = useState(0);
  const result = fetcher.state === "idle" && fetcher.data?.target === "new" ? fetcher.data : undefined;
  const busy = fetcher.state !== "idle" && fetcher.formData?.get("intent") === "create";
  const errors = result?.fieldErrors ?? {};

  useEffect(() => {
    if (result?.ok) setFormKey((key) => key + 1);
  }, [result]);

  return (
    <section className="card admin-form" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading" className="section-title">
        {t("users.create")}
      </h2>
      <fetcher.Form method="post" key={formKey} noValidate className="inline-form">
        <input type="hidden" name="intent" value="create" />
        <div className="field-row">
          <Field name="new-user-name" label={t("users.name")} errors={fieldError(t, errors.name)}>
            {(control) => <input {...control} name="name" type="text" maxLength={120} autoComplete="off" />}
          </Field>
          <Field name="new-user-email" label={t("users.email")} errors={fieldError(t, errors.email)}>
            {(control) => (
              <input {...control} name="email" type="email" autoComplete="off" spellCheck={false} maxLength={254} />
            )}
          </Field>
        </div>
        <div className="field-row">
          <Field name="new-user-role" label={t("users.role")} errors={fieldError(t, errors.role)}>
            {(control) => (
              <select {...control} name="role" defaultValue="staff">
                <RoleOptions />
              </select>
            )}
          </Field>
          <Field
            name="new-user-password"
            label={t("users.password")}
            hint={t("users.passwordHint")}
            errors={fieldError(t, errors.password)}
          >
            {(control) => <input {...control} name="password" type="password" autoComplete="new-password" />}
          </Field>
        </div>
        <FormFooter
          failure={result && !result.ok && result.message ? t("users.failed", { message: result.message }) : null}
          busy={busy}
          label={t("users.createNow")}
          busyLabel={t("users.creating")}
        />
      </fetcher.Form>
    </section>
  );
}

function UserRow({ user }: { user: User }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const fetcher = useChange();
  const me = useCurrentUser();
  const [settingPassword, setSettingPassword] = useState(false);
  const result = fetcher.state === "idle" && fetcher.data?.target === user.id ? fetcher.data : undefined;
  const busy = fetcher.state !== "idle" && fetcher.formData?.get("id") === user.id;
  const headingId = `user-${user.id}`;
  const isSelf = me?.id === user.id;

  useEffect(() => {
    if (result?.ok && result.intent === "password") setSettingPassword(false);
  }, [result]);

  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={user.id} />
      <input type="hidden" name="name" value={user.name} />
    </>
  );

  return (
    <article className={user.active ? "card user" : "card user is-inactive"} aria-labelledby={headingId}>
      <h3 className="card-title" id={headingId}>
        {user.name}
        {isSelf && <span className="muted"> ({t("users.you")})</span>}
      </h3>
      <p className="user-email">{user.email}</p>
      <div className="card-meta">
        <span className="badge role-badge">{t(`roles.${user.role}`)}</span>
        <span className={user.active ? "status-badge status-ok" : "status-badge status-bad"}>
          <StatusIcon shape={user.active ? "check" : "cross"} />
          {user.active ? t("users.active") : t("users.inactive")}
        </span>
        <span>
          {user.lastLoginAt
            ? t("users.lastLogin", { date: format.dateTime(user.lastLoginAt) })
            : t("users.neverLoggedIn")}
        </span>
      </div>
      <div className="card-actions user-actions">
        <fetcher.Form method="post" className="role-form">
          {hidden("role")}
          <label htmlFor={`role-${user.id}`} className="visually-hidden">
            {t("users.roleOf", { name: user.name })}
          </label>
          <select id={`role-${user.id}`} name="role" defaultValue={user.role} key={user.role}>
            <RoleOptions />
          </select>
          <button type="submit" className="button button-secondary button-small" disabled={busy}>
            {t("users.changeRole")}
            <span className="visually-hidden">: {user.name}</span>
          </button>
        </fetcher.Form>
        <fetcher.Form method="post">
          {hidden(user.active ? "deactivate" : "reactivate")}
          <button
            type="submit"
            className={
              user.active
                ? "button button-secondary button-small button-danger"
                : "button button-secondary button-small"
            }
            disabled={busy}
          >
            {user.active ? t("users.deactivate") : t("users.reactivate")}
            <span className="visually-hidden">: {user.name}</span>
          </button>
        </fetcher.Form>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-expanded={settingPassword}
          onClick={() => setSettingPassword(!settingPassword)}
        >
          {t("users.resetPassword")}
          <span className="visually-hidden">: {user.name}</span>
        </button>
      </div>
      {settingPassword && (
        <fetcher.Form method="post" className="inline-form" noValidate>
          {hidden("password")}
          <Field
            name={`password-${user.id}`}
            label={t("users.newPassword", { name: user.name })}
            hint={t("users.passwordHint")}
            errors={fieldError(t, result?.fieldErrors?.password)}
          >
            {(control) => <input {...control} name="password" type="password" autoComplete="new-password" />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t("users.setPassword")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setSettingPassword(false)}>
              {t("users.cancel")}
            </button>
          </div>
        </fetcher.Form>
      )}
      {result && !result.ok && (result.lastAdministrator || result.message) && (
        <p className="field-error" role="alert">
          {result.lastAdministrator ? t("users.lastAdministrator") : t("users.failed", { message: result.message })}
        </p>
      )}
    </article>
  );
}
