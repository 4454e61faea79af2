namespace IntegrationHub.Simulators.Qbo;

public enum QboOperator { Eq, NotEq, Lt, Lte, Gt, Gte, In, Like }

/// <summary>One WHERE condition; <see cref="Values"/> has several entries only for IN.</summary>
public sealed record QboCondition(string Field, QboOperator Operator, IReadOnlyList<string> Values);

/// <summary>A parsed QBO query. StartPosition is 1-based like QBO's.</summary>
public sealed record QboQuery(
    string Entity,
    bool Count,
    IReadOnlyList<QboCondition> Conditions,
    string? OrderBy,
    bool Descending,
    int StartPosition,
    int MaxResults)
{
    public const int DefaultMaxResults = 100;
    public const int MaxResultsCap = 1000;
}

public sealed class QboQueryException(string message) : Exception(message);
