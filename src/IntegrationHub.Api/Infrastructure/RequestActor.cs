using IntegrationHub.Core.Audit;

namespace IntegrationHub.Api.Infrastructure;

public static class RequestActor
{
    public static AuditActor Actor(this HttpContext context) =>
        AuditActor.From(context.User, context.Connection.RemoteIpAddress?.ToString());
}
