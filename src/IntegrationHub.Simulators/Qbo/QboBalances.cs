using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>
/// Keeps each customer's Balance equal to its open invoice balances less unused credit memos,
/// which QBO maintains itself (clients read it, never write it).
/// </summary>
public static class QboBalances
{
    /// <summary>What one transaction adds to its customer's balance.</summary>
    public static (string? CustomerId, decimal Amount) Contribution(string entity, JsonObject? data, bool deleted = false)
    {
        if (data is null || deleted) return (null, 0);
        var customer = data.Obj("CustomerRef")?.Str("value");
        return entity switch
        {
            "Invoice" => (customer, data.Dec("Balance") ?? 0),
            "CreditMemo" => (customer, -(data.Dec("RemainingCredit") ?? 0)),
            _ => (null, 0),
        };
    }

    public static void Move(QboCompany company, (string? CustomerId, decimal Amount) before, (string? CustomerId, decimal Amount) after)
    {
        Adjust(company, before.CustomerId, -before.Amount);
        Adjust(company, after.CustomerId, after.Amount);
    }

    public static void Adjust(QboCompany company, string? customerId, decimal delta)
    {
        if (customerId is null || delta == 0 || company.Table("Customer").FindLive(customerId) is not { } customer) return;
        customer.Data["Balance"] = (customer.Data.Dec("Balance") ?? 0) + delta;
        customer.Data["BalanceWithJobs"] = (customer.Data.Dec("BalanceWithJobs") ?? 0) + delta;
    }
}
