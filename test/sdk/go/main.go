//go:build !inline

// The program's entry point for `pulumi up` with the Go language host (program.go holds the program).
package main

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

func main() {
	pulumi.Run(program)
}
