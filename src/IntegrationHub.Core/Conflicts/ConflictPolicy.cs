namespace IntegrationHub.Core.Conflicts;

/// <summary>What happens when the host app and the external system both changed a record since the last sync.</summary>
public enum ConflictPolicy
{
    /// <summary>The side with the later change time wins; equal times go to the external system (the book of record).</summary>
    LastWriteWins,
    HostWins,
    ExternalWins,
    /// <summary>Changes to different fields combine; a field both sides changed falls back to the configured policy.</summary>
    FieldMerge,
    /// <summary>Nothing is applied; a conflict item waits for a person.</summary>
    Manual,
}

public enum ConflictSide { Host, External }

public enum ConflictOutcome { TakeHost, TakeExternal, Merged, Manual }
