using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using IntegrationHub.Core.Credentials.KeyVault;

namespace IntegrationHub.Core.Tests.Credentials;

/// <summary>The Key Vault store through the real Azure SDK (challenge auth, HTTPS, paging) against <see cref="FakeKeyVault"/>.</summary>
public sealed class KeyVaultSecretStoreTests : IAsyncLifetime
{
    private readonly FakeKeyVault _vault = new();
    private KeyVaultSecretStore _store = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _vault.StartAsync();
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == _vault.Certificate.Thumbprint };
        var options = new SecretClientOptions { Transport = new HttpClientTransport(handler), DisableChallengeResourceVerification = true };
        options.Retry.MaxRetries = 0;
        _store = new KeyVaultSecretStore(new SecretClient(_vault.VaultUri, new StaticCredential(), options));
    }

    public ValueTask DisposeAsync() => _vault.DisposeAsync();

    [Fact]
    public async Task Secrets_are_versioned_and_readable_by_version()
    {
        var name = $"tenants/{Guid.NewGuid():N}/connections/x/credential";
        var v1 = await _store.SetAsync(name, "first", Ct);
        var v2 = await _store.SetAsync(name, "second", Ct);
        Assert.NotEqual(v1, v2);
        Assert.Equal("second", (await _store.GetAsync(name, ct: Ct))!.Value);
        Assert.Equal("first", (await _store.GetAsync(name, v1, Ct))!.Value);
        var versions = await _store.ListVersionsAsync(name, Ct);
        Assert.Equal(2, versions.Count);
        Assert.True(_vault.UnauthenticatedChallenges >= 1, "the SDK should have gone through the bearer challenge");
    }

    [Fact]
    public async Task Missing_and_deleted_secrets_read_as_null()
    {
        Assert.Null(await _store.GetAsync("tenants/none/credential", ct: Ct));
        Assert.Empty(await _store.ListVersionsAsync("tenants/none/credential", Ct));
        await _store.SetAsync("tenants/t/credential", "x", Ct);
        await _store.DeleteAsync("tenants/t/credential", Ct);
        Assert.Null(await _store.GetAsync("tenants/t/credential", ct: Ct));
        await _store.DeleteAsync("tenants/t/credential", Ct);
    }

    [Fact]
    public void Vault_names_are_legal_and_distinct()
    {
        var a = KeyVaultSecretStore.VaultName("tenants/a/b");
        var b = KeyVaultSecretStore.VaultName("tenants-a-b");
        Assert.NotEqual(a, b);
        Assert.Matches("^[0-9a-zA-Z-]{1,127}$", a);
        Assert.Matches("^[0-9a-zA-Z-]{1,127}$", KeyVaultSecretStore.VaultName(new string('x', 200)));
    }

    private sealed class StaticCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(FakeKeyVault.Token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
