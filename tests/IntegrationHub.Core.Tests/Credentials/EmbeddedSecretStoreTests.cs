using System.Text;
using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.Credentials.Embedded;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Tests.Credentials;

public class EmbeddedSecretStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string NewName() => $"tenants/{Guid.NewGuid():N}/connections/{Guid.NewGuid():N}/credential";

    private EmbeddedSecretStore Store(MasterKeyRing ring) => new(database.CreateContext(), ring, TimeProvider.System);

    [Fact]
    public async Task Every_set_is_a_new_version_and_the_newest_is_current()
    {
        var store = Store(new MasterKeyRing([MasterKeyRing.NewKey()]));
        var name = NewName();
        Assert.Equal("1", await store.SetAsync(name, "first", Ct));
        Assert.Equal("2", await store.SetAsync(name, "second", Ct));
        Assert.Equal("second", (await store.GetAsync(name, ct: Ct))!.Value);
        Assert.Equal("first", (await store.GetAsync(name, "1", Ct))!.Value);
        var versions = await store.ListVersionsAsync(name, Ct);
        Assert.Equal(["2", "1"], versions.Select(v => v.Version));
        Assert.True(versions[0].IsCurrent);
        Assert.Null(await store.GetAsync(name, "9", Ct));
        Assert.Null(await store.GetAsync(name, "not-a-version", Ct));
    }

    [Fact]
    public async Task Nothing_readable_is_stored_and_values_never_print()
    {
        var store = Store(new MasterKeyRing([MasterKeyRing.NewKey()]));
        var name = NewName();
        await store.SetAsync(name, "sk_live_very_secret_value", Ct);
        await using var db = database.CreateContext();
        var row = await db.StoredSecrets.SingleAsync(s => s.Name == name, Ct);
        Assert.DoesNotContain("very_secret", Encoding.UTF8.GetString(row.Ciphertext) + Encoding.UTF8.GetString(row.WrappedKey));
        var value = await store.GetAsync(name, ct: Ct);
        Assert.DoesNotContain("very_secret", value!.ToString());
        Assert.DoesNotContain("very_secret", $"{value}");
    }

    [Fact]
    public async Task Delete_removes_every_version()
    {
        var store = Store(new MasterKeyRing([MasterKeyRing.NewKey()]));
        var name = NewName();
        await store.SetAsync(name, "a", Ct);
        await store.SetAsync(name, "b", Ct);
        await store.DeleteAsync(name, Ct);
        Assert.Null(await store.GetAsync(name, ct: Ct));
        Assert.Empty(await store.ListVersionsAsync(name, Ct));
    }

    [Fact]
    public async Task Invalid_names_are_refused()
    {
        var store = Store(new MasterKeyRing([MasterKeyRing.NewKey()]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SetAsync("../etc/passwd", "x", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SetAsync("", "x", Ct));
    }

    [Fact]
    public void The_key_file_is_created_once_and_rotation_prepends()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hub-{Guid.NewGuid():N}", "master.key");
        var first = MasterKeySource.LoadOrCreateFile(path);
        Assert.Single(first);
        Assert.Equal(first[0], MasterKeySource.LoadOrCreateFile(path)[0]);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var next = MasterKeySource.PrependNewKey(path);
        var ring = new MasterKeyRing(MasterKeySource.LoadOrCreateFile(path));
        Assert.Equal(MasterKeyRing.IdOf(next), ring.CurrentId);
        Assert.Equal(2, ring.Ids.Count);
    }
}
