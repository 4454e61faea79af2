using IntegrationHub.Simulators;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSimulators();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseSimulators();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests and to the benchmarks.</summary>
public partial class Program;
