namespace IntegrationHub.Core.Audit;

public static class AuditActions
{
    public const string SignIn = "auth.sign_in";
    public const string SignInFailed = "auth.sign_in_failed";
    public const string SignOut = "auth.sign_out";
    public const string TenantSwitched = "auth.tenant_switched";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string TenantCreated = "tenant.created";
    public const string TenantUpdated = "tenant.updated";
    public const string TenantDisabled = "tenant.disabled";
    public const string TenantEnabled = "tenant.enabled";
    public const string UserAdded = "user.added";
    public const string UserRoleChanged = "user.role_changed";
    public const string UserRemoved = "user.removed";
    public const string ConnectionCreated = "connection.created";
    public const string ConnectionUpdated = "connection.updated";
    public const string ConnectionAuthorizationStarted = "connection.authorization_started";
    public const string ConnectionAuthorizationFailed = "connection.authorization_failed";
    public const string ConnectionActivated = "connection.activated";
    public const string ConnectionTested = "connection.tested";
    public const string ConnectionCredentialsSet = "connection.credentials_set";
    public const string ConnectionTokenRefreshed = "connection.token_refreshed";
    public const string ConnectionNeedsReauth = "connection.needs_reauth";
    public const string ConnectionDisconnected = "connection.disconnected";
    public const string ProviderAppRotated = "provider.client_secret_rotated";
    public const string ProviderAppRotationDue = "provider.client_secret_rotation_due";
    public const string ConflictResolved = "conflict.resolved";
    public const string DeleteQuarantineApproved = "delete_quarantine.approved";
    public const string DeleteQuarantineRejected = "delete_quarantine.rejected";
    public const string SyncConfigUpdated = "sync_config.updated";
    public const string SyncConfigDeleted = "sync_config.deleted";
    public const string SyncRunRequested = "sync_run.requested";
    public const string SyncRunRedriven = "sync_run.redriven";
    public const string MappingSaved = "mapping.saved";
    public const string MappingRolledBack = "mapping.rolled_back";
    public const string LookupTableCreated = "lookup_table.created";
    public const string LookupTableUpdated = "lookup_table.updated";
    public const string LookupTableDeleted = "lookup_table.deleted";
}
