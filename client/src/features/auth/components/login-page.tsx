import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Form, Navigate, useActionData, useNavigation, useSearchParams } from "react-router";
import { Field } from "@/components/field";
import { FormFooter } from "@/components/form-footer";
import { isAppPath } from "@/config/paths";
import { hasFinePointer, useDocumentTitle } from "@/lib/dom";
import { useCurrentUser } from "@/lib/session";
import type { LoginResult } from "../login-action";

/** Email and password; errors next to the fields, and a clear word on wrong credentials or too many tries. */
export function LoginPage() {
  const { t } = useTranslation();
  const result = useActionData<LoginResult>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const user = useCurrentUser();
  const alertRef = useRef<HTMLDivElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  useDocumentTitle(t("auth.title"), t("app.name"));

  const submitting = navigation.state !== "idle" && navigation.formMethod !== undefined;
  const fields = result?.status === "invalid" ? result.fields : {};
  const formError =
    result === undefined || result.status === "invalid"
      ? null
      : result.status === "tooMany"
        ? t("auth.errors.tooMany", { count: result.minutes })
        : result.status === "error"
          ? t("auth.errors.failed", { message: result.message })
          : t(`auth.errors.${result.status}`);

  useEffect(() => {
    if (!result) {
      if (hasFinePointer()) emailRef.current?.focus();
      return;
    }
    if (result.status === "invalid") (result.fields.email ? emailRef : passwordRef).current?.focus();
    else alertRef.current?.focus();
  }, [result]);

  // Already logged in (another tab, or the back button): go where the user wanted.
  if (user) {
    const next = searchParams.get("next");
    return <Navigate to={isAppPath(next) ? next : "/"} replace />;
  }

  return (
    <div className="login-page">
      <h1 className="page-title">{t("auth.title")}</h1>
      <p className="lead">{t("auth.intro")}</p>
      {searchParams.get("reason") === "expired" && !result && (
        <p className="notice" role="status">
          {t("auth.expired")}
        </p>
      )}
      {formError && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={alertRef}>
          <p className="error-summary-title">{formError}</p>
        </div>
      )}
      <Form method="post" noValidate className="login-form">
        <Field name="email" label={t("auth.email")} errors={fields.email ? [t(`auth.errors.${fields.email}`)] : []}>
          {(control) => (
            <input
              {...control}
              ref={emailRef}
              name="email"
              type="email"
              autoComplete="username"
              spellCheck={false}
              autoCapitalize="none"
              inputMode="email"
            />
          )}
        </Field>
        <Field
          name="password"
          label={t("auth.password")}
          errors={fields.password ? [t(`auth.errors.${fields.password}`)] : []}
        >
          {(control) => (
            <input {...control} ref={passwordRef} name="password" type="password" autoComplete="current-password" />
          )}
        </Field>
        <FormFooter busy={submitting} label={t("auth.submit")} busyLabel={t("auth.submitting")} />
      </Form>
    </div>
  );
}
