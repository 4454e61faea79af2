namespace IntegrationHub.Simulators.Qbo;

/// <summary>The QBO entities this simulator serves, by canonical name and by URL segment.</summary>
public static class QboEntities
{
    public static readonly string[] Names = ["Customer", "Item", "Account", "Invoice", "Payment", "CreditMemo"];

    /// <summary>Transactions can be deleted; name-list entities can only be made inactive.</summary>
    public static readonly HashSet<string> Deletable = new(["Invoice", "Payment", "CreditMemo"], StringComparer.OrdinalIgnoreCase);

    public static readonly HashSet<string> Voidable = new(["Invoice", "Payment", "CreditMemo"], StringComparer.OrdinalIgnoreCase);

    public static string? Canonical(string name) =>
        Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
}
