namespace IntegrationHub.Core.Jobs;

/// <summary>The hub database that holds both the sync tables and Hangfire's schema (raw connections for locks and dispatch).</summary>
public sealed record HubJobsDatabase(string ConnectionString);
