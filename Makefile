# Tasks Service: build, test and run locally.
# Needs a JDK 21+ (found automatically, see scripts/find-jdk.sh), Maven 3.8+, Node.js 20+ and npm.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Goals that need no JDK (so `make help` works on a machine without one).
NO_JDK_GOALS := help clean-data node_modules node_modules/.package-lock.json chromium

ifneq ($(filter-out $(NO_JDK_GOALS),$(or $(MAKECMDGOALS),$(.DEFAULT_GOAL))),)
  # find-jdk.sh keeps a JAVA_HOME that is already a JDK 21+, and otherwise looks for one.
  JAVA_HOME ?=
  override JAVA_HOME := $(shell JAVA_HOME='$(JAVA_HOME)' scripts/find-jdk.sh)
  ifeq ($(JAVA_HOME),)
    $(error Tasks Service needs a JDK 21 or newer: install one (e.g. Temurin 21) or set JAVA_HOME)
  endif
  export JAVA_HOME
  export PATH := $(JAVA_HOME)/bin:$(PATH)
  # JDK 24+ warns when libraries (Maven's Guava) use sun.misc.Unsafe memory access; the flag
  # exists since JDK 23, so set it only when this JDK accepts it.
  ifeq ($(shell '$(JAVA_HOME)/bin/java' --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1 && echo yes),yes)
    MAVEN_OPTS ?= --sun-misc-unsafe-memory-access=allow
    export MAVEN_OPTS
  endif
endif

MVN ?= mvn -B
E2E = "$$JAVA_HOME/bin/java" -cp src-e2e/target/src-e2e.jar
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION = 20

.PHONY: help build run test page-test chromium run-e2e-test bench chaos backlog e2e-jar lint format clean clean-data node_modules \
	lambda-jars synth deploy-local destroy-local deploy-dev test-docker api-key

help: ## Show this list of targets
	@echo 'Tasks Service. Usage: make <target>'
	@echo
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN { FS = ":.*## " } { printf "  %-14s %s\n", $$1, $$2 }'
	@echo
	@echo 'Environment: DYNAMODB_PORT (default 4567), API_URL, E2E_DELAY_SECONDS, JAVA_OPTS, JAVA_HOME, MVN,'
	@echo '  CDK_ARGS (deploy and synth targets, e.g. CDK_ARGS="--context targetQueues=<queue url>"),'
	@echo '  TASKS_WEBHOOK_SECRET (make run: else a dev secret kept in .data/webhook-secret, printed at startup),'
	@echo '  BENCH_ARGS (e.g. BENCH_ARGS="--scenario delivery --tasks 500"; BENCH_ARGS=--help lists the options),'
	@echo '  CHAOS_ARGS (e.g. CHAOS_ARGS="--runtimes 1 --seed 42"; CHAOS_ARGS=--help lists the options).'

node_modules: node_modules/.package-lock.json ## Install the npm tools (dynalite) from package-lock.json

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

build: ## Compile and install all modules, skipping tests
	$(MVN) -q install -DskipTests -Dspotless.check.skip=true

run: node_modules ## Run the whole service locally: API, poller, queue, workflow, dynalite (Ctrl-C stops all)
	$(MVN) -q package -DskipTests -Dspotless.check.skip=true -pl local-runtime -am
	scripts/run-local.sh

api-key: ## Make a local API key for TENANT (make api-key TENANT=acme): prints the key once, keeps its hash in .data/api-keys
	@[[ -n "$(TENANT)" ]] || { echo 'usage: make api-key TENANT=<name> (the key file is TASKS_API_KEYS_FILE, default .data/api-keys)' >&2; exit 2; }
	@"$$JAVA_HOME/bin/java" api-service/src/main/java/dev/tasksservice/api/auth/NewApiKey.java "$(TENANT)" \
	  "$${TASKS_API_KEYS_FILE:-$${LOCAL_DATA_DIR:-.data}/api-keys}"

# Two modules at a time: most tests wait (on servers, timers, JVMs starting), so the infra module runs beside
# the local runtime's. src-e2e, whose crash test and benchmarks time what they measure, is built last, alone.
test: node_modules chromium ## Run every test: unit, integration, lint, then the end-to-end and page tests on a fresh local runtime
	$(MVN) -T 2 verify
	E2E_DELAY_SECONDS=5 scripts/with-local-runtime.sh scripts/local-checks.sh

page-test: node_modules chromium ## The web page in headless Chromium on a fresh local runtime (screenshot: PAGE_SCREENSHOT)
	$(MVN) -q package -DskipTests -Dspotless.check.skip=true -pl local-runtime -am
	scripts/with-local-runtime.sh node src-e2e/page/page-test.mjs

chromium: ## Install Debian's Chromium for the page test, if /usr/bin/chromium is missing (apt-get)
	scripts/install-chromium.sh

test-docker: node_modules lambda-jars ## Deploy the stack to Floci in Docker (E2E_EMULATOR=localstack for LocalStack) and run a task end to end
	$(MVN) -pl infra verify -Dit.test=DeployedStackE2EIT -De2e.docker=true -De2e.emulator=$(or $(E2E_EMULATOR),floci)

run-e2e-test: e2e-jar ## A task 65 s ahead on API_URL (default: make run's, or E2E_STAGE=local for a deployed stack)
	$(if $(E2E_STAGE),API_URL=$$(node -p 'require("./infra/cdk.out/outputs-$(E2E_STAGE).json")["TasksServiceStack-$(E2E_STAGE)"].ApiUrl') ,)$(E2E) dev.tasksservice.e2e.EndToEnd

bench: node_modules ## Measure lateness: 1,000 tasks at one instant, 1,000 over 60 s, 1,000 webhooks to a receiver (BENCH_ARGS=...)
	$(MVN) -q package -DskipTests -Dspotless.check.skip=true -pl local-runtime,src-e2e -am
	scripts/with-local-runtime.sh $(E2E) dev.tasksservice.e2e.Bench $(BENCH_ARGS)

chaos: node_modules ## Crash test: 5,000 tasks over 2 min, the runtime killed -9 3 times, dynalite restarted; then 2 runtimes (CHAOS_ARGS=...)
	$(MVN) -q package -DskipTests -Dspotless.check.skip=true -pl local-runtime,src-e2e -am
	$(E2E) dev.tasksservice.e2e.Chaos $(CHAOS_ARGS)

backlog: node_modules ## Drain a backlog of 20,000 due tasks on dynalite over successive polls (make test drains 5,000)
	$(MVN) verify -pl tasks-aws -am -Dspotless.check.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test=BacklogDrainIT -Dfailsafe.failIfNoSpecifiedTests=false -Dbacklog.tasks=20000

e2e-jar:
	$(MVN) -q package -DskipTests -Dspotless.check.skip=true -pl src-e2e -am

lint: ## Check formatting (Spotless)
	$(MVN) -q spotless:check

format: ## Fix formatting (Spotless)
	$(MVN) -q spotless:apply

clean: ## Remove build output
	$(MVN) -q clean

# Deployment (AWS CDK, module infra/). STAGE names the stage: tasksTable-$(STAGE), TasksServiceStack-$(STAGE), ...
STAGE ?= dev
LOCAL_STAGE ?= local
CDK = cd infra && ../node_modules/.bin/cdk
# cdklocal (aws-cdk-local) points the CDK CLI at LocalStack or Floci; with a CDK CLI this new it drops every AWS_*
# variable that is not allow-listed. Path-style S3 URLs, so plain localhost works without a wildcard DNS name.
CDKLOCAL = cd infra && AWS_ENDPOINT_URL=http://localhost:4566 AWS_ENDPOINT_URL_S3=http://localhost:4566 \
	AWS_S3_FORCE_PATH_STYLE=true AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
	AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 \
	AWS_ENVAR_ALLOWLIST=AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY,AWS_REGION,AWS_DEFAULT_REGION \
	../node_modules/.bin/cdklocal
print-api-url = @node -e 'const o = require("./infra/cdk.out/outputs-$(1).json")["TasksServiceStack-$(1)"]; console.log("ApiUrl: " + o.ApiUrl)'

lambda-jars:
	$(MVN) -q install -DskipTests -Dspotless.check.skip=true -pl scheduler-functions,api-service -am

synth: node_modules lambda-jars ## Write the CloudFormation template of STAGE (default dev) to infra/cdk.out
	$(CDK) synth --context stage=$(STAGE) $(CDK_ARGS) --quiet
	@echo "infra/cdk.out/TasksServiceStack-$(STAGE).template.json"

deploy-local: node_modules lambda-jars ## Deploy stage local to LocalStack or Floci on localhost:4566 (started first)
	@(exec 3<>/dev/tcp/localhost/4566) 2>/dev/null || \
	  { echo 'Nothing answers on localhost:4566: start LocalStack or Floci on that port first (docker compose up -d)'; exit 1; }
	$(CDKLOCAL) bootstrap --context stage=$(LOCAL_STAGE)
	$(CDKLOCAL) deploy TasksServiceStack-$(LOCAL_STAGE) --context stage=$(LOCAL_STAGE) $(CDK_ARGS) \
	  --require-approval never --outputs-file cdk.out/outputs-$(LOCAL_STAGE).json
	$(call print-api-url,$(LOCAL_STAGE))

destroy-local: node_modules lambda-jars ## Delete stage local from LocalStack or Floci
	$(CDKLOCAL) destroy TasksServiceStack-$(LOCAL_STAGE) --context stage=$(LOCAL_STAGE) --force

deploy-dev: node_modules lambda-jars ## Deploy stage dev to AWS, in the account and region of your AWS credentials
	$(CDK) bootstrap --context stage=dev
	$(CDK) deploy TasksServiceStack-dev --context stage=dev $(CDK_ARGS) --outputs-file cdk.out/outputs-dev.json
	$(call print-api-url,dev)

clean-data: ## Delete the local data (.data/: the dynalite tables, the dev webhook secret)
	rm -rf .data
