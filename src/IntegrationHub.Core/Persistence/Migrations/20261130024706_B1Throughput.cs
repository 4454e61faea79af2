using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class B1Throughput : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<JsonDocument>(
                name: "diff",
                table: "record_versions",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(JsonDocument),
                oldType: "jsonb");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Created versions stored no diff; before the column becomes required again they get one from their snapshot
            // (every top-level field, old null; values as stored, without the engine's number and date normalisation).
            migrationBuilder.Sql("""
                UPDATE record_versions SET diff = (
                    SELECT coalesce(jsonb_agg(jsonb_build_object('path', key, 'old', null, 'new', value) ORDER BY key COLLATE "C"), '[]'::jsonb)
                    FROM jsonb_each(snapshot) WHERE jsonb_typeof(value) <> 'null')
                WHERE diff IS NULL;
                """);
            migrationBuilder.AlterColumn<JsonDocument>(
                name: "diff",
                table: "record_versions",
                type: "jsonb",
                nullable: false,
                oldClrType: typeof(JsonDocument),
                oldType: "jsonb",
                oldNullable: true);
        }
    }
}
