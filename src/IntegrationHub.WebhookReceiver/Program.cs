using IntegrationHub.WebhookReceiver;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHubRedis();
builder.AddReceiverServices();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();
app.MapWebhookEndpoints();
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
