//go:build inline

// The program run inline by the Go Automation API, for test/e2e/sdk-go.test.ts: no Go language host can
// be built here, so the program is served from this process and the CLI runs it (`pulumi up --client`).
// up, a preview, then destroy; one JSON line on stdout with what each reported.
//
// Environment: PULUMI_BIN_DIR (the CLI), PULUMI_HOME (where the plugin is installed), MSTEAMS_E2E_BACKEND
// (a file backend folder), MSTEAMS_E2E_STACK, MSTEAMS_E2E_CONFIG (the stack's plain config, a JSON
// object). Secrets stay in the environment (MSTEAMS_PASSWORD, read by the plugin), never in config on a
// command line.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
)

type report struct {
	Up      map[string]int `json:"up"`
	Outputs map[string]any `json:"outputs"`
	Preview map[string]int `json:"preview"`
	Destroy map[string]int `json:"destroy"`
}

func run(ctx context.Context) (*report, error) {
	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: filepath.Dir(os.Getenv("PULUMI_BIN_DIR"))})
	if err != nil {
		return nil, err
	}
	workDir, err := os.MkdirTemp("", "msteams-sdk-go-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(workDir)
	stack, err := auto.UpsertStackInlineSource(ctx, os.Getenv("MSTEAMS_E2E_STACK"), "sdk-go", program,
		auto.Pulumi(cmd),
		auto.WorkDir(workDir),
		auto.EnvVars(map[string]string{
			"PULUMI_BACKEND_URL":                          "file://" + os.Getenv("MSTEAMS_E2E_BACKEND"),
			"PULUMI_CONFIG_PASSPHRASE":                    "",
			"PULUMI_SKIP_UPDATE_CHECK":                    "true",
			"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
		}),
	)
	if err != nil {
		return nil, err
	}
	var plain map[string]string
	if err := json.Unmarshal([]byte(os.Getenv("MSTEAMS_E2E_CONFIG")), &plain); err != nil {
		return nil, fmt.Errorf("MSTEAMS_E2E_CONFIG: %w", err)
	}
	config := auto.ConfigMap{}
	for k, v := range plain {
		config[k] = auto.ConfigValue{Value: v}
	}
	if err := stack.SetAllConfig(ctx, config); err != nil {
		return nil, err
	}

	r := &report{Outputs: map[string]any{}, Preview: map[string]int{}}
	up, err := stack.Up(ctx)
	if err != nil {
		return nil, err
	}
	r.Up = *up.Summary.ResourceChanges
	for k, v := range up.Outputs {
		r.Outputs[k] = v.Value
	}
	preview, err := stack.Preview(ctx)
	if err != nil {
		return nil, err
	}
	for op, n := range preview.ChangeSummary {
		r.Preview[string(op)] = n
	}
	destroy, err := stack.Destroy(ctx)
	if err != nil {
		return nil, err
	}
	r.Destroy = *destroy.Summary.ResourceChanges
	return r, nil
}

func main() {
	r, err := run(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := json.Marshal(r)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(string(out))
}
