// Generated from the OpenAPI document the server serves at /api/docs: `npm run api:types`. Do not edit.

export interface paths {
    "/api/action-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open ones first, by due date. */
        get: operations["ActionItemsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/action-items/{id}/done": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The id is the thread's. */
        post: operations["ActionItemsController_done"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/activity-reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ActivityReportsController_list"];
        put?: never;
        post: operations["ActivityReportsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/activity-reports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ActivityReportsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["ActivityReportsController_update"];
        trace?: never;
    };
    "/api/activity-reports/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ActivityReportsController_accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/activity-reports/{id}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Word-level diff of the accepted narrative against the agency's previous accepted report on the commitment. */
        get: operations["ActivityReportsController_diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/activity-reports/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ActivityReportsController_reopen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/activity-reports/{id}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ActivityReportsController_return"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/activity-reports/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ActivityReportsController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The secretariat's view of the audit trail, newest first. */
        get: operations["AuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/digests/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["DigestsController_run"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/mail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MailController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/mail/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One mail with its bodies; a secret link in it is shown redacted. Audited. */
        get: operations["MailController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AgenciesController_list"];
        put?: never;
        post: operations["AgenciesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agencies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AgenciesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["AgenciesController_update"];
        trace?: never;
    };
    "/api/agencies/{id}/sso": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SsoSettingsController_get"];
        /** Creates or replaces the settings once the provider's discovery document checks out (400 naming `issuer` if not). */
        put: operations["SsoSettingsController_put"];
        post?: never;
        delete: operations["SsoSettingsController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agencies/{id}/sso/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test the connection: fetches the stored provider's discovery document now. */
        post: operations["SsoSettingsController_check"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sets the invited user's password, creates the account and signs in (a fresh session). */
        post: operations["AuthController_acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login/second-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The second step of a sign-in: `code` from the authenticator app, or one `recoveryCode`. */
        post: operations["AuthController_secondFactor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuthController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 202 with the same body whether or not the address has an account. */
        post: operations["AuthController_requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_resetPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sso/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the provider sends the browser back: redirects to the dashboard, the code step, or the login page with the refusal. */
        get: operations["SsoController_callback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sso/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * After the email on the login page: the password step, or the agency's provider (from the domain alone); with
         *     `invitation`, how that invitation is accepted.
         */
        get: operations["SsoController_options"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sso/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Redirects (302) to the agency's provider, found by the email's domain or by `agency`. */
        get: operations["SsoController_start"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ChangesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/comments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** The author deletes their comment; the thread keeps "comment deleted" in its place. */
        delete: operations["CommentsController_delete"];
        options?: never;
        head?: never;
        /** The author changes their comment's text. */
        patch: operations["CommentsController_edit"];
        trace?: never;
    };
    "/api/commitments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of commitments, without their descriptions (GET /api/commitments/:id has them) */
        get: operations["CommitmentsController_list"];
        put?: never;
        post: operations["CommitmentsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/commitments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CommitmentsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["CommitmentsController_update"];
        trace?: never;
    };
    "/api/commitments/{id}/indicators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CommitmentsController_listIndicators"];
        put?: never;
        post: operations["CommitmentsController_createIndicator"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/consolidated-reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConsolidatedReportsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/consolidated-reports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConsolidatedReportsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/consolidated-reports/{id}/editions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConsolidatedReportsController_editions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/consolidated-reports/{id}/editions/{n}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Word by word, what changed since the edition before. */
        get: operations["ConsolidatedReportsController_diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/consolidated-reports/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The report as Word, PDF or HTML: an issued edition as it was issued, or the draft as it stands. */
        get: operations["ConsolidatedReportsController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/consolidated-reports/{id}/issue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Freezes the report as its next edition (the secretariat). */
        post: operations["ConsolidatedReportsController_issue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/consolidated-reports/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Opens the next edit round after an issue (the secretariat). */
        post: operations["ConsolidatedReportsController_reopen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CyclesController_list"];
        put?: never;
        post: operations["CyclesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CyclesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["CyclesController_update"];
        trace?: never;
    };
    "/api/digests/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person who opens the link sees a button, in their language; a GET changes nothing (link scanners open every link). */
        get: operations["DigestsController_unsubscribePage"];
        put?: never;
        /**
         * RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` to the link; the token is in the URL. The
         *     page's button posts the same, from a browser that asks for HTML: it gets a page in the recipient's language.
         */
        post: operations["DigestsController_unsubscribe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/documents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DocumentsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/documents/{id}/presence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who has the document open, for dashboards: `{ items: [{ userId, name, agency, color }] }` (every process's users). */
        get: operations["PresenceController_presence"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/documents/{id}/threads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The document's threads, oldest first, with what the reader may do. */
        get: operations["DocumentThreadsController_list"];
        put?: never;
        /** Opens a thread (anchored, or about the whole document) with its first comment; never changes the document. */
        post: operations["DocumentThreadsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/frameworks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["FrameworksController_list"];
        put?: never;
        post: operations["FrameworksController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/frameworks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["FrameworksController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["FrameworksController_update"];
        trace?: never;
    };
    "/api/frameworks/{id}/accountability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Commitment × agency for one cycle, with each cell's report state. */
        get: operations["AccountabilityController_accountability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/frameworks/{id}/accountability/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The accountability grid of one cycle as XLSX or CSV. */
        get: operations["SpreadsheetsController_accountability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/frameworks/{id}/consolidated-reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Starts the consolidated report of the framework for one of its cycles (the secretariat). */
        post: operations["ConsolidatedReportsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/frameworks/{id}/indicator-values/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every value reported on the framework's indicators, one sheet per cycle (XLSX) or one table (CSV). */
        get: operations["SpreadsheetsController_indicatorValues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 200 once the server serves and its database answers; 503 otherwise. Needs no session. */
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/indicators/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["IndicatorsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["IndicatorsController_update"];
        trace?: never;
    };
    "/api/indicators/{id}/values": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["IndicatorsController_values"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ApiTokensController_list"];
        put?: never;
        post: operations["ApiTokensController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/api-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["ApiTokensController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/digest-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MyDigestsController_preferences"];
        put: operations["MyDigestsController_setPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/follows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MyDigestsController_follows"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/follows/commitments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["MyDigestsController_followCommitment"];
        post?: never;
        delete: operations["MyDigestsController_unfollowCommitment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/follows/frameworks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["MyDigestsController_followFramework"];
        post?: never;
        delete: operations["MyDigestsController_unfollowFramework"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MyNotificationsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["MyNotificationsController_read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's preferences: one resource (mention mail here; digest preferences keep their own). */
        get: operations["MyNotificationsController_preferences"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["MyNotificationsController_setPreferences"];
        trace?: never;
    };
    "/api/me/second-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SecondFactorController_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/second-factor/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The first code from the app turns two-factor sign-in on; answers the recovery codes, once. */
        post: operations["SecondFactorController_confirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/second-factor/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turns it off (not where the role requires it). */
        post: operations["SecondFactorController_disable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/second-factor/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["SecondFactorController_regenerate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/second-factor/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new secret, as text and as a QR code for the authenticator app; nothing changes until it is confirmed. */
        post: operations["SecondFactorController_setup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Active users whose name (or a word of it) starts with `q`, 20 at most. */
        get: operations["PeopleController_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/threads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ThreadsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/threads/{id}/action": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Makes the thread an action item: an agency (by code), maybe one of its users, a due date. */
        put: operations["ThreadsController_setAction"];
        post?: never;
        delete: operations["ThreadsController_clearAction"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/threads/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ThreadsController_comment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/threads/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ThreadsController_reopen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/threads/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ThreadsController_resolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An agency's users: its focal points see their own agency's, the secretariat every agency's. */
        get: operations["UsersController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change role, deactivate (`active: false`: sessions and sockets end at once) or reactivate. */
        patch: operations["UsersController_update"];
        trace?: never;
    };
    "/api/users/{id}/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's API tokens, for their agency's focal points and the secretariat (a signed-in session only). */
        get: operations["UsersController_listApiTokens"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/api-tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["UsersController_revokeApiToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/second-factor/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Removes the second factor of a user who lost it (their sessions end); audited. */
        post: operations["UsersController_resetSecondFactor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An agency's invitations not yet accepted, revoked or expired. */
        get: operations["UsersController_invitations"];
        put?: never;
        /** 202 with the same body whether or not the address already has an account. */
        post: operations["UsersController_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraws a pending invitation: its link stops working. */
        delete: operations["UsersController_revokeInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcceptInvitationDto: {
            password: string;
            token: string;
        };
        AccountabilityCellResponse: {
            /** @description Agency code. */
            agency: string;
            /** @enum {string} */
            participation: "contributing" | "lead";
            /** @description Its activity report for the cycle, null when it has none. */
            reportId: string | null;
            /** @enum {string|null} */
            reportState: "accepted" | "draft" | "returned" | "submitted" | null;
            /**
             * @description Where it stands: its report's state, `missing` when it has none, `overdue` when not submitted by the due date.
             * @enum {string}
             */
            state: "accepted" | "draft" | "missing" | "overdue" | "returned" | "submitted";
        };
        AccountabilityGridResponse: {
            /** @description Every agency that appears in the grid, by code. */
            agencies: string[];
            cycle: components["schemas"]["ReportingCycleResponse"];
            frameworkId: string;
            rows: components["schemas"]["AccountabilityGridRowResponse"][];
        };
        AccountabilityGridRowResponse: {
            cells: components["schemas"]["AccountabilityCellResponse"][];
            commitmentId: string;
            reference: string;
            title: string;
        };
        ActionAssignedNotificationResponse: {
            commentId: string | null;
            /** Format: date-time */
            createdAt: string;
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "action_assigned";
            /** @description Null for a notification written before notifications carried their parameters: show `summary`. */
            params: components["schemas"]["ActionAssignedParamsResponse"] | null;
            read: boolean;
            /** @description The notification in English; `kind` and `params` say it as data (src/discussions/notification-params.ts). */
            summary: string;
            threadId: string | null;
            /** @description Where in the app it leads (a path). */
            url: string;
        };
        ActionAssignedParamsResponse: {
            /** @description The reviewer's agency's code. */
            agency: string;
            /** @description The assigned user's display name; null: the agency as a whole. */
            assignee: string | null;
            /** @description The assigned agency's code. */
            assigneeAgency: string;
            /** @description The document the thread is on. */
            document: components["schemas"]["CommitmentReportNameResponse"] | components["schemas"]["ActivityReportNameResponse"] | components["schemas"]["ConsolidatedSummaryNameResponse"];
            /** @description YYYY-MM-DD. */
            dueDate: string;
        };
        ActionDueNotificationResponse: {
            commentId: string | null;
            /** Format: date-time */
            createdAt: string;
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "action_due";
            /** @description Null for a notification written before notifications carried their parameters: show `summary`. */
            params: components["schemas"]["ActionDueParamsResponse"] | null;
            read: boolean;
            /** @description The notification in English; `kind` and `params` say it as data (src/discussions/notification-params.ts). */
            summary: string;
            threadId: string | null;
            /** @description Where in the app it leads (a path). */
            url: string;
        };
        ActionDueParamsResponse: {
            daysLeft: number;
            /** @description YYYY-MM-DD. */
            dueOn: string;
            /** @description The action item's wording. */
            excerpt: string;
        };
        ActionItemCan: {
            complete: boolean;
        };
        ActionItemDto: {
            /** @description The agency the action is assigned to, by code. */
            assigneeAgency: string;
            /**
             * Format: uuid
             * @description A user of that agency who carries it, if one does.
             */
            assigneeUserId?: string;
            dueDate: string;
        };
        ActionItemPage: {
            items: components["schemas"]["ActionItemResponse"][];
            total: number;
        };
        ActionItemResponse: {
            /** @description The agency's code. */
            assigneeAgency: string;
            assigneeUser: components["schemas"]["PersonResponse"] | null;
            can: components["schemas"]["ActionItemCan"];
            commitmentId: string | null;
            documentId: string;
            /** @description "WFP's activity report on BPoA-4". */
            documentTitle: string;
            done: boolean;
            /** Format: date-time */
            doneAt: string | null;
            /** @description YYYY-MM-DD. */
            dueDate: string;
            frameworkId: string | null;
            /** @description Not done, and due before today (UTC). */
            overdue: boolean;
            /** @description The text the thread is anchored on; null: about the whole document. */
            quote: string | null;
            /** @description The thread's first comment: what is to be done ('' when every comment is deleted). */
            summary: string;
            /** @description The thread's id: also the action item's. */
            threadId: string;
            /** @enum {string} */
            threadState: "open" | "resolved";
            /** @description Where in the app the thread is (a path). */
            url: string;
        };
        ActivityReportCan: {
            accept: boolean;
            /** @description Change its summary and indicator values. */
            edit: boolean;
            reopen: boolean;
            return: boolean;
            submit: boolean;
        };
        ActivityReportDetailResponse: {
            /** @description Agency code. */
            agency: string;
            agencyId: string;
            can: components["schemas"]["ActivityReportCan"];
            commitmentId: string;
            commitmentReference: string;
            /** Format: date-time */
            createdAt: string;
            cycleId: string;
            cycleLabel: string;
            /**
             * Format: date-time
             * @description When it was last accepted, returned or reopened.
             */
            decidedAt: string | null;
            /** @description User id. */
            decidedBy: string | null;
            /** @description Its live narrative. */
            documentId: string;
            /** @description The cycle's due date, YYYY-MM-DD. */
            dueOn: string;
            frameworkId: string;
            id: string;
            indicatorValues: components["schemas"]["ReportedIndicatorValueResponse"][];
            /** @description The reason it was last returned or reopened. */
            returnReason: string | null;
            /** @enum {string} */
            state: "accepted" | "draft" | "returned" | "submitted";
            /** Format: date-time */
            submittedAt: string | null;
            /** @description User id. */
            submittedBy: string | null;
            summary: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        ActivityReportDiffResponse: {
            changes: components["schemas"]["WordChangeResponse"][];
            previousCycleLabel: string | null;
            /** @description null when this is the agency's first accepted report on the commitment: everything is added. */
            previousReportId: string | null;
            reportId: string;
        };
        ActivityReportNameResponse: {
            /** @description The agency's code. */
            agency: string;
            /** @description The commitment's reference. */
            reference: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "activity_report";
        };
        ActivityReportPage: {
            items: components["schemas"]["ActivityReportResponse"][];
            total: number;
        };
        ActivityReportResponse: {
            /** @description Agency code. */
            agency: string;
            agencyId: string;
            can: components["schemas"]["ActivityReportCan"];
            commitmentId: string;
            commitmentReference: string;
            /** Format: date-time */
            createdAt: string;
            cycleId: string;
            cycleLabel: string;
            /**
             * Format: date-time
             * @description When it was last accepted, returned or reopened.
             */
            decidedAt: string | null;
            /** @description User id. */
            decidedBy: string | null;
            /** @description Its live narrative. */
            documentId: string;
            /** @description The cycle's due date, YYYY-MM-DD. */
            dueOn: string;
            frameworkId: string;
            id: string;
            /** @description The reason it was last returned or reopened. */
            returnReason: string | null;
            /** @enum {string} */
            state: "accepted" | "draft" | "returned" | "submitted";
            /** Format: date-time */
            submittedAt: string | null;
            /** @description User id. */
            submittedBy: string | null;
            summary: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        AgencyNamesDto: {
            ar?: string;
            es?: string;
            fr?: string;
            ru?: string;
            zh?: string;
        };
        AgencyNamesResponse: {
            ar?: string;
            es?: string;
            fr?: string;
            ru?: string;
            zh?: string;
        };
        AgencyPage: {
            items: components["schemas"]["AgencyResponse"][];
            total: number;
        };
        AgencyResponse: {
            /** Format: date-time */
            archivedAt: string | null;
            /** @description Upper-case code, e.g. FAO. */
            code: string;
            /** Format: date-time */
            createdAt: string;
            id: string;
            /** @enum {string} */
            kind: "department" | "fund" | "office" | "programme" | "related_organization" | "specialized_agency";
            /** @description Its official name in English. */
            name: string;
            names: components["schemas"]["AgencyNamesResponse"];
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        AgencySsoDto: {
            /** @description Concert's client id at that provider. */
            clientId: string;
            /** @description Concert's client secret there: write-only (never answered); left out, the one stored stays. */
            clientSecret?: string;
            /**
             * @description The role of people created on their first sign-in.
             * @enum {string}
             */
            defaultRole: "staff";
            /** @description The email domains whose people sign in there, in lower case (`wfp.org`). */
            emailDomains: string[];
            /**
             * Format: uri
             * @description The provider's issuer identifier; its `/.well-known/openid-configuration` is fetched and checked on save.
             */
            issuer: string;
            /**
             * @description `disabled`: the agency's people sign in only through the provider.
             * @enum {string}
             */
            passwordLogin: "allowed" | "disabled";
            /** @description The `version` last read, when replacing settings that exist (optimistic concurrency); left out, the last write wins. */
            version?: number;
        };
        AgencySsoResponse: {
            agencyId: string;
            clientId: string;
            clientSecretSet: boolean;
            /**
             * @description The role of people created on their first sign-in.
             * @enum {string}
             */
            defaultRole: "staff";
            emailDomains: string[];
            issuer: string;
            /**
             * @description `disabled`: the agency's people sign in only through the provider.
             * @enum {string}
             */
            passwordLogin: "allowed" | "disabled";
            /** @description Where the provider sends the browser back: to register at the provider. */
            redirectUri: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        AnchorDto: {
            end: string;
            start: string;
        };
        ApiTokenPage: {
            items: components["schemas"]["ApiTokenResponse"][];
            total: number;
        };
        ApiTokenResponse: {
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            id: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            name: string;
            /** Format: date-time */
            revokedAt: string | null;
        };
        AuditEventPage: {
            items: components["schemas"]["AuditEventResponse"][];
            total: number;
        };
        AuditEventResponse: {
            /** @enum {string} */
            action: "api_token.created" | "api_token.revoked" | "api_token.used" | "consolidated_report.downloaded" | "invitation.accepted" | "invitation.revoked" | "invitation.sent" | "login.failed" | "login.succeeded" | "login.throttled" | "logout" | "mail.read" | "password_reset.completed" | "password_reset.requested" | "recovery_codes.regenerated" | "second_factor.disabled" | "second_factor.enabled" | "second_factor.reset" | "spreadsheet.downloaded" | "sso.configured" | "sso.refused" | "sso.removed" | "sso.user_provisioned" | "user.deactivated" | "user.reactivated" | "user.role_changed";
            actorEmail: string | null;
            actorUserId: string | null;
            agencyCode: string | null;
            /** @description What else the action records (free-form, by action). */
            details: {
                [key: string]: unknown;
            };
            /** @description The address a login attempt or invitation named. */
            email: string | null;
            id: string;
            ip: string | null;
            /** Format: date-time */
            occurredAt: string;
            subjectEmail: string | null;
            subjectUserId: string | null;
        };
        ChangeActorResponse: {
            /** @description Their agency's code. */
            agencyCode: string;
            displayName: string;
            userId: string;
        };
        ChangeFactsResponse: {
            /**
             * @description The client's catalogues name it `events.<kind>`.
             * @enum {string}
             */
            kind: "actionCleared" | "actionDone" | "actionSet" | "activityReportAccepted" | "activityReportCreated" | "activityReportEdited" | "activityReportReopened" | "activityReportReturned" | "activityReportSubmitted" | "activityReportUpdated" | "agencyArchived" | "agencyCreated" | "agencyUpdated" | "commentAdded" | "commentDeleted" | "commentEdited" | "commitmentCreated" | "commitmentReportEdited" | "commitmentStatusChanged" | "commitmentUpdated" | "consolidatedReportCreated" | "consolidatedReportIssued" | "consolidatedReportReopened" | "consolidatedSummaryEdited" | "cycleCreated" | "cycleUpdated" | "frameworkArchived" | "frameworkCreated" | "frameworkUpdated" | "indicatorArchived" | "indicatorCreated" | "indicatorUpdated" | "threadOpened" | "threadReopened" | "threadResolved";
            /** @description Names as kept, numbers as numbers; the client words some before its message takes them: `fromStatus`/`toStatus` (commitment status codes), `due` (a YYYY-MM-DD date), `threadOn` (what a thread is on) and `quote` (words someone wrote). Which parameters each kind has: src/changes/change-facts.ts. */
            params: {
                [key: string]: string | number;
            };
        };
        ChangePage: {
            items: components["schemas"]["ChangeResponse"][];
            /** @description Pass as `cursor` to read on; null when this page was the last so far. */
            nextCursor: string | null;
        };
        ChangeResponse: {
            action: string;
            /** @description Who made it; null for a change the system made. */
            actor: components["schemas"]["ChangeActorResponse"] | null;
            /** @description The changed fields as they are now (free-form, by entity and action). */
            after: {
                [key: string]: unknown;
            } | null;
            /** @description The changed fields as they were (free-form, by entity and action). */
            before: {
                [key: string]: unknown;
            } | null;
            commitmentId: string | null;
            entityId: string;
            /** @enum {string} */
            entityType: "activity_report" | "agency" | "commitment" | "consolidated_report" | "framework" | "indicator" | "reporting_cycle" | "thread" | "user";
            /** @description The event told in facts the client words in the reader's language; null: show `summary`. */
            facts: components["schemas"]["ChangeFactsResponse"] | null;
            frameworkId: string | null;
            /** @description Ordered: the feed's cursor. A string: it may exceed 2^53. */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            /** @description In English, written at change time: what to show when `facts` is null. */
            summary: string;
        };
        CommentDto: {
            /** @description Plain text; the client renders the mentions it names. */
            body: string;
            /** @description Ids of the active users the comment mentions. */
            mentions?: string[];
        };
        CommentNotificationParamsResponse: {
            /** @description The writer's display name. */
            actor: string;
            /** @description The writer's agency's code. */
            agency: string;
            /** @description The document the comment is on. */
            document: components["schemas"]["CommitmentReportNameResponse"] | components["schemas"]["ActivityReportNameResponse"] | components["schemas"]["ConsolidatedSummaryNameResponse"];
            excerpt: string;
        };
        CommentResponse: {
            author: components["schemas"]["PersonResponse"];
            /** @description Empty once deleted: the thread shows "comment deleted" in its place. */
            body: string;
            /** @description ISO 8601 timestamp, as PostgreSQL writes it. */
            createdAt: string;
            deleted: boolean;
            /** @description ISO 8601 timestamp, as PostgreSQL writes it; null until edited. */
            editedAt: string | null;
            id: string;
            /** @description The users the comment mentions (none once deleted). */
            mentions: components["schemas"]["PersonResponse"][];
            threadId: string;
            version: number;
        };
        CommitmentCan: {
            /** @description Edit its live report (the others view it). */
            editReport: boolean;
            /** @description Change its definition (title, description, agencies, archive). */
            manage: boolean;
            manageIndicators: boolean;
            setStatus: boolean;
            /** @description Write their own agency's activity report on it. */
            writeActivityReport: boolean;
        };
        CommitmentDetailResponse: {
            /** Format: date-time */
            archivedAt: string | null;
            can: components["schemas"]["CommitmentCan"];
            /** @description Agency codes. */
            contributingAgencies: string[];
            /** Format: date-time */
            createdAt: string;
            description: string;
            /** @description YYYY-MM-DD. */
            dueDate: string | null;
            frameworkId: string;
            id: string;
            indicators: components["schemas"]["IndicatorResponse"][];
            /** @description Agency codes. */
            leadAgencies: string[];
            reference: string;
            /** @description Its live report. */
            reportDocumentId: string;
            /** @enum {string} */
            status: "achieved" | "at_risk" | "not_started" | "off_track" | "on_track";
            title: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        CommitmentListItemResponse: {
            /** Format: date-time */
            archivedAt: string | null;
            can: components["schemas"]["CommitmentCan"];
            /** @description Agency codes. */
            contributingAgencies: string[];
            /** Format: date-time */
            createdAt: string;
            /** @description YYYY-MM-DD. */
            dueDate: string | null;
            frameworkId: string;
            id: string;
            /** @description Agency codes. */
            leadAgencies: string[];
            reference: string;
            /** @description Its live report. */
            reportDocumentId: string;
            /** @enum {string} */
            status: "achieved" | "at_risk" | "not_started" | "off_track" | "on_track";
            title: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        CommitmentPage: {
            items: components["schemas"]["CommitmentListItemResponse"][];
            total: number;
        };
        CommitmentReportNameResponse: {
            /** @description The commitment's reference. */
            reference: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "commitment_report";
        };
        CommitmentResponse: {
            /** Format: date-time */
            archivedAt: string | null;
            can: components["schemas"]["CommitmentCan"];
            /** @description Agency codes. */
            contributingAgencies: string[];
            /** Format: date-time */
            createdAt: string;
            description: string;
            /** @description YYYY-MM-DD. */
            dueDate: string | null;
            frameworkId: string;
            id: string;
            /** @description Agency codes. */
            leadAgencies: string[];
            reference: string;
            /** @description Its live report. */
            reportDocumentId: string;
            /** @enum {string} */
            status: "achieved" | "at_risk" | "not_started" | "off_track" | "on_track";
            title: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        ConsolidatedReportEditionDiffResponse: {
            changes: components["schemas"]["WordChangeResponse"][];
            edition: number;
            /** @description null for the first edition: everything is added. */
            previousEdition: number | null;
        };
        ConsolidatedReportEditionPage: {
            items: components["schemas"]["ConsolidatedReportEditionResponse"][];
            total: number;
        };
        ConsolidatedReportEditionResponse: {
            /** @description The size of its Word file. */
            docxBytes: number;
            edition: number;
            /** Format: date-time */
            issuedAt: string;
            issuedBy: components["schemas"]["ChangeActorResponse"];
            /** @description The size of its PDF, null until it is first printed (an edition issued while no browser was available). */
            pdfBytes: number | null;
        };
        ConsolidatedReportPage: {
            items: components["schemas"]["ConsolidatedReportResponse"][];
            total: number;
        };
        ConsolidatedReportResponse: {
            /** Format: date-time */
            createdAt: string;
            /** @description User id. */
            createdBy: string;
            cycleId: string;
            /** @description How many times it was issued: 0 for a draft never issued, else the number of the latest edition. */
            edition: number;
            frameworkId: string;
            id: string;
            /** @enum {string} */
            state: "draft" | "issued";
            /** @description Its live summary. */
            summaryDocumentId: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        ConsolidatedSummaryNameResponse: {
            /** @description The reporting cycle's label. */
            cycle: string;
            /** @description The framework's code. */
            framework: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "consolidated_summary";
        };
        CreateActivityReportDto: {
            /** Format: uuid */
            commitmentId: string;
            /** Format: uuid */
            cycleId: string;
            indicatorValues?: components["schemas"]["IndicatorValueInput"][];
            summary?: string;
        };
        CreateAgencyDto: {
            /** @description Upper-case code, e.g. FAO. */
            code: string;
            /** @enum {string} */
            kind: "department" | "fund" | "office" | "programme" | "related_organization" | "specialized_agency";
            name: string;
            names?: components["schemas"]["AgencyNamesDto"];
        };
        CreateApiTokenDto: {
            /**
             * Format: date-time
             * @description When the token stops working; none: until revoked.
             */
            expiresAt?: string;
            /** @description What the token is for ("FAO reporting system"). */
            name: string;
        };
        CreateCommitmentDto: {
            contributingAgencies?: string[];
            description?: string;
            dueDate?: string | null;
            /** Format: uuid */
            frameworkId: string;
            leadAgencies: string[];
            reference: string;
            /** @enum {string} */
            status?: "achieved" | "at_risk" | "not_started" | "off_track" | "on_track";
            title: string;
        };
        CreateConsolidatedReportDto: {
            /**
             * Format: uuid
             * @description The framework's reporting cycle the report is of.
             */
            cycleId: string;
        };
        CreateCycleDto: {
            closesOn: string;
            dueOn: string;
            /** Format: uuid */
            frameworkId: string;
            label: string;
            opensOn: string;
        };
        CreatedApiTokenResponse: {
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            id: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            name: string;
            /** Format: date-time */
            revokedAt: string | null;
            /** @description The secret, shown this once: only its hash is kept. */
            token: string;
        };
        CreateFrameworkDto: {
            code: string;
            /** @description Theme groups work in one country. */
            country?: string;
            description?: string;
            /** @enum {string} */
            kind: "decisions" | "programme" | "strategy" | "theme_group";
            title: string;
        };
        CreateIndicatorDto: {
            baseline?: number;
            name: string;
            target: number;
            targetDate?: string | null;
            unit: string;
        };
        CreateThreadDto: {
            /** @description Left out: the thread is about the document as a whole. */
            anchor?: components["schemas"]["AnchorDto"];
            /** @description Plain text; the client renders the mentions it names. */
            body: string;
            /** @description Ids of the active users the comment mentions. */
            mentions?: string[];
            /** @description The anchored text at creation, shown when that text is later deleted. */
            quote?: string;
        };
        CurrentCodeDto: {
            code: string;
        };
        DigestPreferencesDto: {
            /**
             * @description off, daily or weekly (weekly digests leave on Mondays).
             * @enum {string}
             */
            frequency: "daily" | "off" | "weekly";
            /** @description The local hour the digest leaves at, 0 to 23. */
            hour: number;
            /** @description An IANA time zone such as Europe/Rome; the hour is read in it, daylight saving included. */
            timeZone: string;
        };
        DigestPreferencesResponse: {
            /**
             * @description off, daily or weekly (weekly digests leave on Mondays).
             * @enum {string}
             */
            frequency: "daily" | "off" | "weekly";
            /** @description The local hour the digest leaves at, 0 to 23. */
            hour: number;
            /** @description An IANA time zone such as Europe/Rome; the hour is read in it, daylight saving included. */
            timeZone: string;
        };
        DigestRunResponse: {
            /** @description The periods that ended at or before this time were built (ISO 8601). */
            asOf: string;
            /** @description Users whose period had ended and was not done. */
            due: number;
            /** @description Periods with nothing to say: done, no mail. */
            empty: number;
            /** @enum {string} */
            frequency: "daily" | "weekly";
            /** @description Digests written to the outbox by this run. */
            mailed: number;
            /** @description Periods another run (or process) did first. */
            skipped: number;
        };
        DiscussionRefusalResponse: {
            /** @description Agency codes. */
            agencies?: string[];
            /** @description An agency's code. */
            agency?: string;
            /** @description A commitment's reference. */
            commitment?: string;
            /** @description A reporting cycle's label. */
            cycle?: string;
            /** @description A document, in English words. */
            document?: string;
            /** @description A framework's code. */
            framework?: string;
            /** @enum {string} */
            reason: "action_item_agency_only" | "action_item_reviewers_only" | "agency_focal_points_only_sso" | "agency_focal_points_only_submit" | "agency_focal_points_only_users" | "agency_not_taking_part" | "agency_users_only_edit_report" | "agency_users_only_write_report" | "comment_author_only" | "lead_focal_points_only_accept_return" | "lead_focal_points_only_indicators" | "lead_focal_points_only_reopen" | "lead_focal_points_only_review" | "lead_focal_points_only_status" | "narrative_written_by" | "own_account_change" | "own_second_factor_reset" | "report_accepted_discussion_closed" | "report_accepted_frozen" | "report_edited_by" | "report_submitted_awaiting_review" | "second_factor_required_by_role" | "secretariat_only_agencies" | "secretariat_only_audit" | "secretariat_only_commitments" | "secretariat_only_consolidated_reports" | "secretariat_only_cycles" | "secretariat_only_digests" | "secretariat_only_frameworks" | "secretariat_only_mail" | "secretariat_only_secretariat_accounts" | "summary_edited_by" | "summary_issued_discussion_closed" | "summary_issued_frozen" | "thread_resolvers_only" | "token_cannot_manage_sign_in";
            role?: string;
        };
        DocumentCan: {
            /** @description Start discussions and reply on it. */
            comment: boolean;
            /** @description Edit the text live (the others view it). */
            edit: boolean;
            /** @description Resolve its discussions and make action items of them. */
            review: boolean;
        };
        DocumentOwnerResponse: {
            commitmentId: string | null;
            documentId: string;
            entityId: string;
            /**
             * @description What an edit of the text is a change of, in the change feed.
             * @enum {string}
             */
            entityType: "activity_report" | "agency" | "commitment" | "consolidated_report" | "framework" | "indicator" | "reporting_cycle" | "thread" | "user";
            frameworkId: string | null;
            /** @enum {string} */
            kind: "activity_narrative" | "commitment_report" | "consolidated_summary";
            /** @description The same as data, for a client to say in its user's language. */
            name: components["schemas"]["CommitmentReportNameResponse"] | components["schemas"]["ActivityReportNameResponse"] | components["schemas"]["ConsolidatedSummaryNameResponse"];
            /** @description The document in words: "the report of BPoA-5", "WFP's activity report on BPoA-4". */
            title: string;
        };
        DocumentResponse: {
            can: components["schemas"]["DocumentCan"];
            /** @description As last materialized, a couple of seconds after edits settle. */
            html: string;
            id: string;
            owner: components["schemas"]["DocumentOwnerResponse"];
            /** @description As last materialized, a couple of seconds after edits settle. */
            text: string;
        };
        EditCommentDto: {
            body: string;
            /** @description The `version` the client last read. */
            version: number;
        };
        FollowPage: {
            items: components["schemas"]["FollowResponse"][];
            total: number;
        };
        FollowResponse: {
            /** @description What the user sees it as: a framework's code or a commitment's reference. */
            label: string;
            /**
             * @description follows: the user chose it; agency_leads / agency_contributes: by default, through the user's agency.
             * @enum {string}
             */
            reason: "agency_contributes" | "agency_leads" | "follows";
            targetId: string;
            /** @enum {string} */
            targetType: "commitment" | "framework";
        };
        FrameworkCan: {
            /** @description Add commitments to it. */
            addCommitments: boolean;
            /** @description Change its code, title, description, country; archive it. */
            manage: boolean;
            /** @description Create, compose and issue its consolidated reports. */
            manageConsolidatedReports: boolean;
            /** @description Open, change and close its reporting cycles. */
            manageCycles: boolean;
        };
        FrameworkPage: {
            items: components["schemas"]["FrameworkResponse"][];
            total: number;
        };
        FrameworkResponse: {
            /** Format: date-time */
            archivedAt: string | null;
            can: components["schemas"]["FrameworkCan"];
            code: string;
            country: string | null;
            /** Format: date-time */
            createdAt: string;
            description: string;
            id: string;
            /** @enum {string} */
            kind: "decisions" | "programme" | "strategy" | "theme_group";
            title: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        HealthResponse: {
            /**
             * @description The database answered.
             * @enum {string}
             */
            database: "up";
            /** @enum {string} */
            status: "ok";
        };
        IndicatorPage: {
            items: components["schemas"]["IndicatorResponse"][];
            total: number;
        };
        IndicatorResponse: {
            /** Format: date-time */
            archivedAt: string | null;
            baseline: number;
            commitmentId: string;
            /** Format: date-time */
            createdAt: string;
            id: string;
            name: string;
            target: number;
            /** @description YYYY-MM-DD. */
            targetDate: string | null;
            unit: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        IndicatorValueInput: {
            /** Format: uuid */
            indicatorId: string;
            note?: string | null;
            value: number;
        };
        IndicatorValuePage: {
            items: components["schemas"]["IndicatorValueResponse"][];
            total: number;
        };
        IndicatorValueResponse: {
            activityReportId: string;
            agencyCode: string;
            cycleId: string;
            cycleLabel: string;
            id: string;
            indicatorId: string;
            note: string | null;
            /** @description The state of the activity report that holds the value. */
            reportState: string;
            /** Format: date-time */
            updatedAt: string;
            value: number;
        };
        InvitationPage: {
            items: components["schemas"]["InvitationResponse"][];
            total: number;
        };
        InvitationResponse: {
            /** Format: date-time */
            createdAt: string;
            displayName: string;
            email: string;
            /** Format: date-time */
            expiresAt: string;
            id: string;
            invitedBy: components["schemas"]["InviterResponse"] | null;
            /** @enum {string} */
            role: "focal_point" | "secretariat" | "staff";
        };
        InviterResponse: {
            displayName: string;
            id: string;
        };
        InviteUserDto: {
            /** @description Agency code: the inviter's own agency for a focal point. */
            agency: string;
            displayName: string;
            /** Format: email */
            email: string;
            /**
             * @description The language the invitation mail is written in; by default, the inviter's.
             * @enum {string}
             */
            locale?: "ar" | "en" | "es" | "fr" | "ru" | "zh";
            /** @enum {string} */
            role: "focal_point" | "secretariat" | "staff";
        };
        IssueDto: {
            /** @description The `version` the client last read. */
            version: number;
        };
        LoginDto: {
            /** Format: email */
            email: string;
            password: string;
        };
        MailResponse: {
            /** @description How many times delivery was tried. */
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            /** @description Its extra mail headers, by name. */
            headers: {
                [key: string]: string;
            };
            html: string;
            id: string;
            /** @enum {string} */
            kind: "action_item" | "digest" | "invitation" | "mention" | "password_reset" | "reminder";
            lastError: string | null;
            /** @description The SMTP server's id of the sent mail. */
            messageId: string | null;
            /**
             * Format: date-time
             * @description When delivery is next tried (while pending).
             */
            nextAttemptAt: string;
            recipientUserId: string | null;
            /** Format: date-time */
            sentAt: string | null;
            /** @enum {string} */
            status: "failed" | "held" | "pending" | "sent";
            subject: string;
            text: string;
            /** @description The address it is (or was) sent to. */
            to: string;
        };
        MailSummaryPage: {
            items: components["schemas"]["MailSummaryResponse"][];
            total: number;
        };
        MailSummaryResponse: {
            /** @description How many times delivery was tried. */
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            id: string;
            /** @enum {string} */
            kind: "action_item" | "digest" | "invitation" | "mention" | "password_reset" | "reminder";
            lastError: string | null;
            /** Format: date-time */
            sentAt: string | null;
            /** @enum {string} */
            status: "failed" | "held" | "pending" | "sent";
            subject: string;
            /** @description The address it is (or was) sent to. */
            to: string;
        };
        MentionNotificationResponse: {
            commentId: string | null;
            /** Format: date-time */
            createdAt: string;
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "mention";
            /** @description Null for a notification written before notifications carried their parameters: show `summary`. */
            params: components["schemas"]["CommentNotificationParamsResponse"] | null;
            read: boolean;
            /** @description The notification in English; `kind` and `params` say it as data (src/discussions/notification-params.ts). */
            summary: string;
            threadId: string | null;
            /** @description Where in the app it leads (a path). */
            url: string;
        };
        NotificationPage: {
            items: (components["schemas"]["MentionNotificationResponse"] | components["schemas"]["ReplyNotificationResponse"] | components["schemas"]["ActionAssignedNotificationResponse"] | components["schemas"]["ActionDueNotificationResponse"])[];
            total: number;
            /** @description The user's unread count. */
            unread: number;
        };
        PasswordResetDto: {
            password: string;
            token: string;
        };
        PasswordResetRequestDto: {
            /** Format: email */
            email: string;
        };
        PasswordSignInOptionsResponse: {
            /** @enum {string} */
            method: "password";
        };
        PeopleSearchResponse: {
            items: components["schemas"]["PersonResponse"][];
        };
        PersonResponse: {
            agencyCode: string;
            displayName: string;
            id: string;
        };
        PreferencesDto: {
            /**
             * @description The language of the interface and of the mail Concert sends this person: one of the UN's six.
             * @enum {string}
             */
            locale?: "ar" | "en" | "es" | "fr" | "ru" | "zh";
            /**
             * @description Mail for mentions and assignments: at once (one mail per burst), only in the digest, or never.
             * @enum {string}
             */
            mentionMail?: "digest" | "immediately" | "off";
        };
        PreferencesResponse: {
            /**
             * @description The language the person chose; until they choose, the first of the six their browser asks for, else English.
             * @enum {string}
             */
            locale: "ar" | "en" | "es" | "fr" | "ru" | "zh";
            /** @description Whether `locale` was chosen (and is what their mail is written in), or only follows the browser. */
            localeChosen: boolean;
            /**
             * @description Mail for mentions and assignments: at once (one mail per burst), only in the digest, or never.
             * @enum {string}
             */
            mentionMail: "digest" | "immediately" | "off";
        };
        PresencePage: {
            items: components["schemas"]["PresenceUserResponse"][];
            total: number;
        };
        PresenceUserResponse: {
            /** @description Their agency's code. */
            agency: string;
            /** @description Their colour in live documents (carets, presence), as #rrggbb. */
            color: string;
            /** @description Their display name. */
            name: string;
            userId: string;
        };
        ProviderSignInOptionsResponse: {
            /** @description Several when agencies share the domain: the person chooses. */
            agencies: components["schemas"]["SsoAgencyOptionResponse"][];
            /** @enum {string} */
            method: "provider";
            /** @description Whether the password step is also open to them (one of these agencies allows it). */
            passwordAllowed: boolean;
        };
        ReadNotificationsDto: {
            /** @enum {boolean} */
            all?: true;
            ids?: string[];
        };
        RecoveryCodesResponse: {
            /** @description Shown once: only their hashes are kept. */
            recoveryCodes: string[];
        };
        ReopenDto: {
            /** @description The `version` the client last read. */
            version: number;
        };
        ReplyNotificationResponse: {
            commentId: string | null;
            /** Format: date-time */
            createdAt: string;
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "reply";
            /** @description Null for a notification written before notifications carried their parameters: show `summary`. */
            params: components["schemas"]["CommentNotificationParamsResponse"] | null;
            read: boolean;
            /** @description The notification in English; `kind` and `params` say it as data (src/discussions/notification-params.ts). */
            summary: string;
            threadId: string | null;
            /** @description Where in the app it leads (a path). */
            url: string;
        };
        ReportedIndicatorValueResponse: {
            indicatorId: string;
            indicatorName: string;
            note: string | null;
            unit: string;
            value: number;
        };
        ReportingCyclePage: {
            items: components["schemas"]["ReportingCycleResponse"][];
            total: number;
        };
        ReportingCycleResponse: {
            /** Format: date-time */
            archivedAt: string | null;
            /** @description YYYY-MM-DD. */
            closesOn: string;
            /** Format: date-time */
            createdAt: string;
            /** @description YYYY-MM-DD. */
            dueOn: string;
            frameworkId: string;
            id: string;
            label: string;
            /** @description YYYY-MM-DD. */
            opensOn: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        RequestAcceptedResponse: {
            /** @enum {boolean} */
            accepted: true;
            email: string;
        };
        RunDigestsDto: {
            /** @description Build the periods that ended at or before this time (default: now). */
            asOf?: string;
            /** @enum {string} */
            frequency: "daily" | "weekly";
        };
        SecondFactorChallengeResponse: {
            /** @enum {boolean} */
            secondFactorRequired: true;
        };
        SecondFactorDto: {
            code?: string;
            recoveryCode?: string;
        };
        SecondFactorEnrolmentResponse: {
            /** @description The URI as a PNG data: URL, to show as an image. */
            qrCode: string;
            /** @description Base32, for typing into an app by hand. */
            secret: string;
            /** @description otpauth://totp/… for the QR code. */
            uri: string;
        };
        SecondFactorStatusResponse: {
            /** Format: date-time */
            enabledAt: string | null;
            recoveryCodesLeft: number;
            /** @description The role requires it: it cannot be turned off, only reset by a manager when the app is lost. */
            required: boolean;
            /** @enum {string} */
            state: "enrolment_required" | "off" | "on";
        };
        SessionCan: {
            /** @description The roles the user may give. */
            grantRoles: ("focal_point" | "secretariat" | "staff")[];
            manageAgencies: boolean;
            manageCommitments: boolean;
            manageConsolidatedReports: boolean;
            manageFrameworks: boolean;
            manageUsers: boolean;
            readAudit: boolean;
            readMail: boolean;
            /** @description See the agency's single sign-on settings (its focal points; the secretariat, who also changes them). */
            readSso: boolean;
        };
        SessionResponse: {
            agency: {
                code: string;
                id: string;
                name: string;
            };
            can: components["schemas"]["SessionCan"];
            /** @description Nothing but turning on two-factor sign-in is open to this session (its role requires a factor it has not met). */
            mustTurnOnSecondFactor: boolean;
            /**
             * @description How this session signed in (null for an API token).
             * @enum {string|null}
             */
            signedInWith: "password" | "password_second_factor" | "provider" | "provider_mfa" | "provider_second_factor" | null;
            user: {
                displayName: string;
                email: string;
                id: string;
                /** @enum {string} */
                role: "focal_point" | "secretariat" | "staff";
                /** @enum {string} */
                secondFactor: "enrolment_required" | "off" | "on";
            };
        };
        SsoAgencyOptionResponse: {
            code: string;
            name: string;
        };
        SsoConnectionCheckResponse: {
            authorizationEndpoint: string;
            issuer: string;
            /** @enum {boolean} */
            ok: true;
            tokenEndpoint: string;
        };
        ThreadActionResponse: {
            /** @description The agency's code. */
            assigneeAgency: string;
            assigneeUser: components["schemas"]["PersonResponse"] | null;
            done: boolean;
            /** @description ISO 8601 timestamp, as PostgreSQL writes it; null until done. */
            doneAt: string | null;
            /** @description YYYY-MM-DD. */
            dueDate: string;
        };
        ThreadAnchorResponse: {
            end: string;
            start: string;
        };
        ThreadCan: {
            resolve: boolean;
            /** @description Make it an action item, or change or remove its action item. */
            setAction: boolean;
        };
        ThreadPage: {
            can: components["schemas"]["ThreadPageCan"];
            items: components["schemas"]["ThreadResponse"][];
            total: number;
        };
        ThreadPageCan: {
            /** @description Why no thread or reply may be written, in English; only when `comment` is false. */
            closedReason?: string;
            /** @description The same as data; only when `comment` is false. */
            closedRefusal?: components["schemas"]["DiscussionRefusalResponse"];
            comment: boolean;
            /** @description Make action items of the document's threads (its reviewers). */
            setAction: boolean;
        };
        ThreadResponse: {
            action: components["schemas"]["ThreadActionResponse"] | null;
            /** @description Null: about the whole document. */
            anchor: components["schemas"]["ThreadAnchorResponse"] | null;
            can: components["schemas"]["ThreadCan"];
            /** @description Oldest first; a deleted comment keeps its place. */
            comments: components["schemas"]["CommentResponse"][];
            /** Format: date-time */
            createdAt: string;
            createdBy: components["schemas"]["PersonResponse"];
            documentId: string;
            id: string;
            /** @description The text the anchor enclosed when the thread was opened; null: about the whole document. */
            quote: string | null;
            /** Format: date-time */
            resolvedAt: string | null;
            resolvedBy: components["schemas"]["PersonResponse"] | null;
            /** @enum {string} */
            state: "open" | "resolved";
            /** @description Moves with every change in the thread, so a client can tell which copy is newer. */
            version: number;
        };
        TransitionDto: {
            /** @description The `version` the client last read. */
            version: number;
        };
        TransitionWithReasonDto: {
            /** @description Why the report is returned or reopened; kept with the report and in the change feed. */
            reason: string;
            /** @description The `version` the client last read. */
            version: number;
        };
        UnreadCountResponse: {
            /** @description The user's unread notifications, once these are read. */
            unread: number;
        };
        UnsubscribedResponse: {
            /** @enum {boolean} */
            unsubscribed: true;
        };
        UpdateActivityReportDto: {
            /** @description Sets these indicators' values; indicators not named keep theirs. */
            indicatorValues?: components["schemas"]["IndicatorValueInput"][];
            summary?: string;
            /** @description The `version` the client last read. */
            version: number;
        };
        UpdateAgencyDto: {
            /** @description True archives the agency, false restores it. */
            archived?: boolean;
            /** @enum {string} */
            kind?: "department" | "fund" | "office" | "programme" | "related_organization" | "specialized_agency";
            name?: string;
            names?: components["schemas"]["AgencyNamesDto"];
            /** @description The `version` the client last read. */
            version: number;
        };
        UpdateCommitmentDto: {
            archived?: boolean;
            contributingAgencies?: string[];
            description?: string;
            dueDate?: string | null;
            leadAgencies?: string[];
            /** @enum {string} */
            status?: "achieved" | "at_risk" | "not_started" | "off_track" | "on_track";
            title?: string;
            /** @description The `version` the client last read. */
            version: number;
        };
        UpdateCycleDto: {
            closesOn?: string;
            dueOn?: string;
            label?: string;
            opensOn?: string;
            /** @description The `version` the client last read. */
            version: number;
        };
        UpdateFrameworkDto: {
            archived?: boolean;
            country?: string | null;
            description?: string;
            title?: string;
            /** @description The `version` the client last read. */
            version: number;
        };
        UpdateIndicatorDto: {
            archived?: boolean;
            baseline?: number;
            name?: string;
            target?: number;
            targetDate?: string | null;
            unit?: string;
            /** @description The `version` the client last read. */
            version: number;
        };
        UpdateUserDto: {
            active?: boolean;
            /** @enum {string} */
            role?: "focal_point" | "secretariat" | "staff";
            /** @description The `version` the client last read. */
            version: number;
        };
        UserCan: {
            /** @description Change this user's role, deactivate or reactivate them, reset their second factor. */
            manage: boolean;
        };
        UserPage: {
            items: components["schemas"]["UserResponse"][];
            total: number;
        };
        UserResponse: {
            active: boolean;
            can: components["schemas"]["UserCan"];
            displayName: string;
            email: string;
            id: string;
            /** @enum {string} */
            role: "focal_point" | "secretariat" | "staff";
            /**
             * @description Whether the user signs in with a second factor (a manager can reset it when it is lost).
             * @enum {string}
             */
            secondFactor: "enrolment_required" | "off" | "on";
            version: number;
        };
        WordChangeResponse: {
            /** @description Present (true) when the words were added. */
            added?: boolean;
            /** @description Present (true) when the words were removed. */
            removed?: boolean;
            value: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    ActionItemsController_list: {
        parameters: {
            query?: {
                agency?: string;
                /** @description How many items, 1 to 200. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                /** @description true: only those past their due date (and not done). */
                overdue?: boolean;
                state?: "done" | "open";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionItemPage"];
                };
            };
        };
    };
    ActionItemsController_done: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadResponse"];
                };
            };
        };
    };
    ActivityReportsController_list: {
        parameters: {
            query?: {
                agency?: string;
                commitmentId?: string;
                cycleId?: string;
                frameworkId?: string;
                /** @description How many items, 1 to 200. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                state?: "accepted" | "draft" | "returned" | "submitted";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityReportPage"];
                };
            };
        };
    };
    ActivityReportsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateActivityReportDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityReportDetailResponse"];
                };
            };
        };
    };
    ActivityReportsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityReportDetailResponse"];
                };
            };
        };
    };
    ActivityReportsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateActivityReportDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityReportDetailResponse"];
                };
            };
        };
    };
    ActivityReportsController_accept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityReportDetailResponse"];
                };
            };
        };
    };
    ActivityReportsController_diff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityReportDiffResponse"];
                };
            };
        };
    };
    ActivityReportsController_reopen: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionWithReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityReportDetailResponse"];
                };
            };
        };
    };
    ActivityReportsController_return: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionWithReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityReportDetailResponse"];
                };
            };
        };
    };
    ActivityReportsController_submit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityReportDetailResponse"];
                };
            };
        };
    };
    AuditController_list: {
        parameters: {
            query?: {
                action?: "api_token.created" | "api_token.revoked" | "api_token.used" | "consolidated_report.downloaded" | "invitation.accepted" | "invitation.revoked" | "invitation.sent" | "login.failed" | "login.succeeded" | "login.throttled" | "logout" | "mail.read" | "password_reset.completed" | "password_reset.requested" | "recovery_codes.regenerated" | "second_factor.disabled" | "second_factor.enabled" | "second_factor.reset" | "spreadsheet.downloaded" | "sso.configured" | "sso.refused" | "sso.removed" | "sso.user_provisioned" | "user.deactivated" | "user.reactivated" | "user.role_changed";
                actorUserId?: string;
                /** @description Agency code. */
                agency?: string;
                /** @description The address a login attempt or invitation named. */
                email?: string;
                /** @description How many items, 1 to 200. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                since?: string;
                subjectUserId?: string;
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventPage"];
                };
            };
        };
    };
    DigestsController_run: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunDigestsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DigestRunResponse"];
                };
            };
        };
    };
    MailController_list: {
        parameters: {
            query?: {
                kind?: "action_item" | "digest" | "invitation" | "mention" | "password_reset" | "reminder";
                /** @description How many items, 1 to 200. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                status?: "failed" | "held" | "pending" | "sent";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailSummaryPage"];
                };
            };
        };
    };
    MailController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailResponse"];
                };
            };
        };
    };
    AgenciesController_list: {
        parameters: {
            query?: {
                kind?: "department" | "fund" | "office" | "programme" | "related_organization" | "specialized_agency";
                /** @description How many items, 1 to 200. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgencyPage"];
                };
            };
        };
    };
    AgenciesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAgencyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgencyResponse"];
                };
            };
        };
    };
    AgenciesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgencyResponse"];
                };
            };
        };
    };
    AgenciesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAgencyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgencyResponse"];
                };
            };
        };
    };
    SsoSettingsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgencySsoResponse"];
                };
            };
        };
    };
    SsoSettingsController_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgencySsoDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgencySsoResponse"];
                };
            };
        };
    };
    SsoSettingsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SsoSettingsController_check: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsoConnectionCheckResponse"];
                };
            };
        };
    };
    AuthController_acceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInvitationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionResponse"];
                };
            };
        };
    };
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            /** @description The session, or (the account has a second factor) that the code is needed next: POST /api/auth/login/second-factor. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionResponse"] | components["schemas"]["SecondFactorChallengeResponse"];
                };
            };
        };
    };
    AuthController_secondFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SecondFactorDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionResponse"];
                };
            };
        };
    };
    AuthController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionResponse"];
                };
            };
        };
    };
    AuthController_requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordResetRequestDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestAcceptedResponse"];
                };
            };
        };
    };
    AuthController_resetPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordResetDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SsoController_callback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the dashboard, the code step, or the login page with the reason of a refusal. */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SsoController_options: {
        parameters: {
            query?: {
                email?: string;
                /** @description The secret of an invitation link: where its acceptance goes (its agency's provider, or a password). */
                invitation?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The password step, or the agencies whose provider signs the person in. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasswordSignInOptionsResponse"] | components["schemas"]["ProviderSignInOptionsResponse"];
                };
            };
        };
    };
    SsoController_start: {
        parameters: {
            query?: {
                /** @description Agency code, when the email's domain belongs to several agencies (or to choose the agency directly). */
                agency?: string;
                email?: string;
                /** @description The secret of an invitation link, accepted at its agency's provider. */
                invitation?: string;
                /** @description The page of Concert to open once signed in (a path on this server, such as a shared commitment's). */
                returnTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the agency's provider. */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ChangesController_list: {
        parameters: {
            query: {
                commitmentId?: string;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                entityId?: string;
                entityType?: "activity_report" | "agency" | "commitment" | "consolidated_report" | "framework" | "indicator" | "reporting_cycle" | "thread" | "user";
                frameworkId?: string;
                limit: number;
                /** @description `desc`: newest first (the cursor then reads backwards). */
                order: "asc" | "desc";
                /** @description Only changes at or after this time (ISO 8601). */
                since?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangePage"];
                };
            };
        };
    };
    CommentsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CommentsController_edit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EditCommentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommentResponse"];
                };
            };
        };
    };
    CommitmentsController_list: {
        parameters: {
            query?: {
                /** @description Agency code: commitments this agency leads or contributes to. */
                agency?: string;
                /** @description Due strictly before this date (YYYY-MM-DD). */
                dueBefore?: string;
                frameworkId?: string;
                /** @description How many items, 1 to 200. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                /** @description With `agency`: only where it leads, or only where it contributes. */
                participation?: "contributing" | "lead";
                status?: "achieved" | "at_risk" | "not_started" | "off_track" | "on_track";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommitmentPage"];
                };
            };
        };
    };
    CommitmentsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCommitmentDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommitmentResponse"];
                };
            };
        };
    };
    CommitmentsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommitmentDetailResponse"];
                };
            };
        };
    };
    CommitmentsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCommitmentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommitmentResponse"];
                };
            };
        };
    };
    CommitmentsController_listIndicators: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IndicatorPage"];
                };
            };
        };
    };
    CommitmentsController_createIndicator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateIndicatorDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IndicatorResponse"];
                };
            };
        };
    };
    ConsolidatedReportsController_list: {
        parameters: {
            query?: {
                cycleId?: string;
                frameworkId?: string;
                /** @description How many items, 1 to 200. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsolidatedReportPage"];
                };
            };
        };
    };
    ConsolidatedReportsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsolidatedReportResponse"];
                };
            };
        };
    };
    ConsolidatedReportsController_editions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsolidatedReportEditionPage"];
                };
            };
        };
    };
    ConsolidatedReportsController_diff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                n: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsolidatedReportEditionDiffResponse"];
                };
            };
        };
    };
    ConsolidatedReportsController_export: {
        parameters: {
            query: {
                /** @description An issued edition, as it was issued; without it, the current draft. */
                edition?: number;
                format: "docx" | "html" | "pdf";
                /**
                 * @description The language of the report's own headings and labels (a draft's; an edition keeps the files it was issued with).
                 *     Without it, the language the user chose in Concert, else English.
                 */
                locale?: "ar" | "en" | "es" | "fr" | "ru" | "zh";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsolidatedReportsController_issue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IssueDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsolidatedReportResponse"];
                };
            };
        };
    };
    ConsolidatedReportsController_reopen: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReopenDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsolidatedReportResponse"];
                };
            };
        };
    };
    CyclesController_list: {
        parameters: {
            query?: {
                frameworkId?: string;
                /** @description How many items, 1 to 200. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportingCyclePage"];
                };
            };
        };
    };
    CyclesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCycleDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportingCycleResponse"];
                };
            };
        };
    };
    CyclesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportingCycleResponse"];
                };
            };
        };
    };
    CyclesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCycleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportingCycleResponse"];
                };
            };
        };
    };
    DigestsController_unsubscribePage: {
        parameters: {
            query: {
                token: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page with the button, in the recipient's language. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    DigestsController_unsubscribe: {
        parameters: {
            query: {
                token: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Digests turned off. A request that accepts text/html gets a page in the recipient's language instead. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnsubscribedResponse"];
                };
            };
        };
    };
    DocumentsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentResponse"];
                };
            };
        };
    };
    PresenceController_presence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PresencePage"];
                };
            };
        };
    };
    DocumentThreadsController_list: {
        parameters: {
            query?: {
                state?: "open" | "resolved";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadPage"];
                };
            };
        };
    };
    DocumentThreadsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateThreadDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadResponse"];
                };
            };
        };
    };
    FrameworksController_list: {
        parameters: {
            query?: {
                kind?: "decisions" | "programme" | "strategy" | "theme_group";
                /** @description How many items, 1 to 200. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FrameworkPage"];
                };
            };
        };
    };
    FrameworksController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateFrameworkDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FrameworkResponse"];
                };
            };
        };
    };
    FrameworksController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FrameworkResponse"];
                };
            };
        };
    };
    FrameworksController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateFrameworkDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FrameworkResponse"];
                };
            };
        };
    };
    AccountabilityController_accountability: {
        parameters: {
            query?: {
                /** @description The cycle; by default the latest one of the framework that has opened. */
                cycleId?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountabilityGridResponse"];
                };
            };
        };
    };
    SpreadsheetsController_accountability: {
        parameters: {
            query: {
                cycleId: string;
                format: "csv" | "xlsx";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsolidatedReportsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateConsolidatedReportDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsolidatedReportResponse"];
                };
            };
        };
    };
    SpreadsheetsController_indicatorValues: {
        parameters: {
            query: {
                format: "csv" | "xlsx";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponse"];
                };
            };
        };
    };
    IndicatorsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IndicatorResponse"];
                };
            };
        };
    };
    IndicatorsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateIndicatorDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IndicatorResponse"];
                };
            };
        };
    };
    IndicatorsController_values: {
        parameters: {
            query?: {
                agency?: string;
                cycleId?: string;
                /** @description How many items, 1 to 200. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IndicatorValuePage"];
                };
            };
        };
    };
    ApiTokensController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiTokenPage"];
                };
            };
        };
    };
    ApiTokensController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiTokenDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiTokenResponse"];
                };
            };
        };
    };
    ApiTokensController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MyDigestsController_preferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DigestPreferencesResponse"];
                };
            };
        };
    };
    MyDigestsController_setPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DigestPreferencesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DigestPreferencesResponse"];
                };
            };
        };
    };
    MyDigestsController_follows: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowPage"];
                };
            };
        };
    };
    MyDigestsController_followCommitment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowPage"];
                };
            };
        };
    };
    MyDigestsController_unfollowCommitment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowPage"];
                };
            };
        };
    };
    MyDigestsController_followFramework: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowPage"];
                };
            };
        };
    };
    MyDigestsController_unfollowFramework: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowPage"];
                };
            };
        };
    };
    MyNotificationsController_list: {
        parameters: {
            query?: {
                unread?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPage"];
                };
            };
        };
    };
    MyNotificationsController_read: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReadNotificationsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnreadCountResponse"];
                };
            };
        };
    };
    MyNotificationsController_preferences: {
        parameters: {
            query?: never;
            header: {
                "accept-language": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreferencesResponse"];
                };
            };
        };
    };
    MyNotificationsController_setPreferences: {
        parameters: {
            query?: never;
            header: {
                "accept-language": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreferencesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreferencesResponse"];
                };
            };
        };
    };
    SecondFactorController_status: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecondFactorStatusResponse"];
                };
            };
        };
    };
    SecondFactorController_confirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CurrentCodeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryCodesResponse"];
                };
            };
        };
    };
    SecondFactorController_disable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CurrentCodeDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SecondFactorController_regenerate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CurrentCodeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryCodesResponse"];
                };
            };
        };
    };
    SecondFactorController_setup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecondFactorEnrolmentResponse"];
                };
            };
        };
    };
    PeopleController_search: {
        parameters: {
            query?: {
                agency?: string;
                /** @description The start of a name (or of any word in it). */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeopleSearchResponse"];
                };
            };
        };
    };
    ThreadsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadResponse"];
                };
            };
        };
    };
    ThreadsController_setAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ActionItemDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadResponse"];
                };
            };
        };
    };
    ThreadsController_clearAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadResponse"];
                };
            };
        };
    };
    ThreadsController_comment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommentDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommentResponse"];
                };
            };
        };
    };
    ThreadsController_reopen: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadResponse"];
                };
            };
        };
    };
    ThreadsController_resolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadResponse"];
                };
            };
        };
    };
    UsersController_list: {
        parameters: {
            query: {
                /** @description Agency code. */
                agency: string;
                /** @description How many items, 1 to 200. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPage"];
                };
            };
        };
    };
    UsersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
        };
    };
    UsersController_listApiTokens: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiTokenPage"];
                };
            };
        };
    };
    UsersController_revokeApiToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                tokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_resetSecondFactor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_invitations: {
        parameters: {
            query: {
                /** @description Agency code. */
                agency: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationPage"];
                };
            };
        };
    };
    UsersController_invite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteUserDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestAcceptedResponse"];
                };
            };
        };
    };
    UsersController_revokeInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
