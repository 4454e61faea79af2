using IntegrationHub.Simulators.Qbo;
using IntegrationHub.Simulators.Shared;
using IntegrationHub.Simulators.Xero;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Simulators.Seeding;

/// <summary>Creates the demo company and organisations and seeds generated data into any of them.</summary>
public sealed class Seeder(QboStore qbo, XeroStore xero, TimeProvider time, IOptions<SimulatorOptions> options)
{
    public const string DemoRealmId = "9341453050298464";
    public const string DemoXeroNzTenantId = "7a1e8b4c-0d2f-4e6a-9b3c-5d8f1a2e4c60";
    public const string DemoXeroAuTenantId = "c3f5a7d9-2b4e-4c6a-8e0f-1a3b5c7d9e21";

    public void SeedDemo()
    {
        var seed = options.Value.DemoSeed;
        var company = qbo.Create(DemoRealmId, "Sandbox Company_US_1");
        Qbo(company, new SeedRequest(seed));
        var nz = xero.Create(DemoXeroNzTenantId, "Demo Company (NZ)", "NZD");
        Xero(nz, new SeedRequest(seed + 1));
        var au = xero.Create(DemoXeroAuTenantId, "Demo Company (AU)", "AUD");
        Xero(au, new SeedRequest(seed + 2));
    }

    public void Qbo(QboCompany company, SeedRequest request) => QboSeeder.Seed(company, request, time.GetUtcNow());

    public void Xero(XeroOrg org, SeedRequest request) => XeroSeeder.Seed(org, request, time.GetUtcNow());
}
