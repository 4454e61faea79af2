namespace IntegrationHub.Simulators.Seeding;

/// <summary>How much to generate; the same seed and counts always give the same data.</summary>
public sealed record SeedRequest(int Seed = 1, int Customers = 50, int Items = 20, int Invoices = 200, int Payments = 60, bool ChartOfAccounts = true);
