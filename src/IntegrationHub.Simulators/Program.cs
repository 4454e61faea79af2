using IntegrationHub.Simulators;

SimulatorHost.Build(args).Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
