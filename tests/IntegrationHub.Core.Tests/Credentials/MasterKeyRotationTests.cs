using IntegrationHub.Core.Credentials.Embedded;
using IntegrationHub.Testing;

namespace IntegrationHub.Core.Tests.Credentials;

/// <summary>Rotation re-wraps every row in the database, so it gets a database of its own, as a deployment has one key ring.</summary>
public class MasterKeyRotationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string NewName() => $"tenants/{Guid.NewGuid():N}/connections/{Guid.NewGuid():N}/credential";
    private static EmbeddedSecretStore Store(MasterKeyRing ring, TestDatabase db) => new(db.CreateContext(), ring, TimeProvider.System);

    [Fact]
    public async Task Master_key_rotation_rewraps_every_data_key_while_reads_keep_working()
    {
        var oldKey = MasterKeyRing.NewKey();
        var before = new MasterKeyRing([oldKey]);
        var names = Enumerable.Range(0, 25).Select(_ => NewName()).ToList();
        foreach (var name in names) await Store(before, database).SetAsync(name, "value of " + name, Ct);

        // Mid-rotation ring: the new key is current, the old one still readable.
        var newKey = MasterKeyRing.NewKey();
        var during = new MasterKeyRing([newKey, oldKey]);
        Assert.Equal("value of " + names[0], (await Store(during, database).GetAsync(names[0], ct: Ct))!.Value);
        await Store(during, database).SetAsync(names[0], "written during rotation", Ct);

        await using var db = database.CreateContext();
        var rotation = new MasterKeyRotation(db, during);
        var rewrapped = await rotation.RewrapAllAsync(batchSize: 7, Ct);
        Assert.True(rewrapped >= 25);
        var counts = await rotation.CountByKeyAsync(Ct);
        Assert.False(counts.ContainsKey(before.CurrentId));

        // After rotation the old key can be retired: every secret opens with the new key alone.
        var after = new MasterKeyRing([newKey]);
        foreach (var name in names.Skip(1)) Assert.Equal("value of " + name, (await Store(after, database).GetAsync(name, ct: Ct))!.Value);
        Assert.Equal("written during rotation", (await Store(after, database).GetAsync(names[0], ct: Ct))!.Value);
    }
}
